import type { Memento } from 'vscode';
import { isRecord } from './runQueries';

const KEY = 'mlflow.shownMetrics';
/** Choices kept per workspace; the oldest stores' choices go first past this. */
const MAX_STORES = 20;

type StoredChoices = Record<string, Record<string, string>>;

/**
 * The metric picked with Show Metric… for each experiment, per store, kept in workspace state so
 * it survives a reload. What is read back is checked: anything but a non-empty string is dropped.
 */
export class ShownMetricChoices {
  constructor(private readonly memento: Pick<Memento, 'get' | 'update'>) {}

  get(storeUri: string, experimentId: string): string | undefined {
    return this.all()[storeUri]?.[experimentId];
  }

  /** Remembers `metricKey` for the experiment; undefined forgets it (back to the automatic choice). */
  async set(storeUri: string, experimentId: string, metricKey: string | undefined): Promise<void> {
    const all = this.all();
    const forStore = { ...(all[storeUri] ?? {}) };
    if (metricKey) forStore[experimentId] = metricKey;
    else delete forStore[experimentId];
    const others = Object.entries(all).filter(([uri]) => uri !== storeUri);
    const kept = Object.keys(forStore).length > 0 ? [[storeUri, forStore] as const, ...others] : others;
    await this.memento.update(KEY, Object.fromEntries(kept.slice(0, MAX_STORES)));
  }

  private all(): StoredChoices {
    const stored = this.memento.get<unknown>(KEY);
    const result = Object.create(null) as StoredChoices;
    if (!isRecord(stored)) return result;
    for (const [uri, experiments] of Object.entries(stored)) {
      if (!isRecord(experiments)) continue;
      const choices = Object.create(null) as Record<string, string>;
      for (const [experimentId, metricKey] of Object.entries(experiments)) {
        if (typeof metricKey === 'string' && metricKey) choices[experimentId] = metricKey;
      }
      result[uri] = choices;
    }
    return result;
  }
}
