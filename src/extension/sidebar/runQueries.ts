import type { Memento } from 'vscode';
import { DEFAULT_SORT, isDefaultSort, isSortAttribute } from './runQuery';
import type { RunQuery, RunSort, SortField } from './runQuery';

const KEY = 'mlflow.runQueries';
/** Queries kept per workspace; the oldest stores' queries go first past this. */
const MAX_STORES = 20;

type StoredQueries = Record<string, Record<string, RunQuery>>;

/**
 * Each experiment's filter and sort, per store, kept in workspace state so they survive a
 * reload. What is read back is validated: a stale or hand-made entry is dropped, not trusted.
 */
export class RunQueries {
  constructor(private readonly memento: Pick<Memento, 'get' | 'update'>) {}

  get(storeUri: string, experimentId: string): RunQuery {
    return this.all()[storeUri]?.[experimentId] ?? { sort: DEFAULT_SORT };
  }

  async set(storeUri: string, experimentId: string, query: RunQuery): Promise<void> {
    const all = this.all();
    const forStore = { ...(all[storeUri] ?? {}) };
    if (query.filter === undefined && isDefaultSort(query.sort)) delete forStore[experimentId];
    else forStore[experimentId] = query;
    const others = Object.entries(all).filter(([uri]) => uri !== storeUri);
    const kept = Object.keys(forStore).length > 0 ? [[storeUri, forStore] as const, ...others] : others;
    await this.memento.update(KEY, Object.fromEntries(kept.slice(0, MAX_STORES)));
  }

  private all(): StoredQueries {
    const stored = this.memento.get<unknown>(KEY);
    const result: StoredQueries = Object.create(null) as StoredQueries;
    if (!isRecord(stored)) return result;
    for (const [uri, experiments] of Object.entries(stored)) {
      if (!isRecord(experiments)) continue;
      const queries: Record<string, RunQuery> = Object.create(null) as Record<string, RunQuery>;
      for (const [experimentId, query] of Object.entries(experiments)) {
        const valid = validQuery(query);
        if (valid) queries[experimentId] = valid;
      }
      result[uri] = queries;
    }
    return result;
  }
}

function validQuery(value: unknown): RunQuery | undefined {
  if (!isRecord(value)) return undefined;
  const sort = runSortFrom(value.sort);
  if (!sort) return undefined;
  const filter = typeof value.filter === 'string' && value.filter.trim() ? value.filter : undefined;
  return filter === undefined ? { sort } : { filter, sort };
}

/** A sort given as data (stored state, a command argument), checked; undefined when it is not one. */
export function runSortFrom(value: unknown): RunSort | undefined {
  if (!isRecord(value) || typeof value.ascending !== 'boolean') return undefined;
  const field = validField(value.field);
  return field ? { field, ascending: value.ascending } : undefined;
}

function validField(value: unknown): SortField | undefined {
  if (!isRecord(value) || typeof value.key !== 'string' || !value.key) return undefined;
  if (value.kind === 'metric' || value.kind === 'param') return { kind: value.kind, key: value.key };
  if (value.kind === 'attribute' && isSortAttribute(value.key)) return { kind: 'attribute', key: value.key };
  return undefined;
}

/** A plain object read back from workspace state (not null, not a list). */
export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
