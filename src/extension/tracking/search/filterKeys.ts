import type { Run } from '../model';
import type { Comparison } from './filterParser';
import type { EntityType } from '../../../webview/shared/searchWords';
import { closestKey } from '../../../webview/shared/closestKey';
import { ATTRIBUTE_KEYS, quotedKey, runEntityOfWord } from '../../../webview/shared/searchWords';

/*
 * The keys runs logged, for editors of a filter: counted per entity type, checked against a
 * filter (unknown keys with a close match) and completed as the user types.
 */

/** The entity types whose keys are free (logged by runs), unlike attributes, which MLflow fixes. */
export type LoggedKeyType = 'metric' | 'param' | 'tag';

/**
 * The keys some run logged, per entity type, each with the number of runs that have it: what a
 * filter's keys are checked against and completed from.
 */
export type KnownKeys = Readonly<Record<LoggedKeyType, ReadonlyMap<string, number>>>;

/** How many of `runs` have each metric, param and tag key. */
export function countRunKeys(runs: Iterable<Run>): KnownKeys {
  const counts = {
    metric: new Map<string, number>(),
    param: new Map<string, number>(),
    tag: new Map<string, number>(),
  };
  const count = (map: Map<string, number>, record: object): void => {
    for (const key of Object.keys(record)) map.set(key, (map.get(key) ?? 0) + 1);
  };
  for (const run of runs) {
    count(counts.metric, run.data.metrics);
    count(counts.param, run.data.params);
    count(counts.tag, run.data.tags);
  }
  return counts;
}

/**
 * Keys known to either, e.g. from two searches of one experiment; a count is the larger of the
 * two (at least that many runs have the key: the searches may share runs, so counts never add).
 */
export function mergeKnownKeys(a: KnownKeys, b: KnownKeys): KnownKeys {
  const merge = (x: ReadonlyMap<string, number>, y: ReadonlyMap<string, number>): Map<string, number> => {
    const result = new Map(x);
    for (const [key, count] of y) result.set(key, Math.max(result.get(key) ?? 0, count));
    return result;
  };
  return { metric: merge(a.metric, b.metric), param: merge(a.param, b.param), tag: merge(a.tag, b.tag) };
}

/** A key a filter names that no known run has, with the known key closest to it if one is close. */
export interface UnknownKey {
  entityType: LoggedKeyType;
  key: string;
  /** Offset of the comparison in the filter. */
  position: number;
  suggestion?: string;
}

const ENTITY_WORDS: Record<LoggedKeyType, string> = { metric: 'metric', param: 'parameter', tag: 'tag' };

/**
 * The metric, param and tag keys of `comparisons` (from `parseRunFilter`) that no run in `known`
 * has, each named once. MLflow matches keys exactly (case included), so such a comparison can
 * match no run that is known: usually a misspelling, which is why the closest key is suggested.
 */
export function unknownFilterKeys(comparisons: readonly Comparison[], known: KnownKeys): UnknownKey[] {
  const result: UnknownKey[] = [];
  const seen = new Set<string>();
  for (const { entityType, key, position } of comparisons) {
    if (entityType !== 'metric' && entityType !== 'param' && entityType !== 'tag') continue;
    const keys = known[entityType];
    if (keys.has(key) || seen.has(`${entityType}:${key}`)) continue;
    seen.add(`${entityType}:${key}`);
    const suggestion = closestKey(key, keys.keys());
    result.push(suggestion === undefined ? { entityType, key, position } : { entityType, key, position, suggestion });
  }
  return result;
}

/** `no loaded run has metric `acuracy`; did you mean `accuracy`?` */
export function describeUnknownKey(unknown: UnknownKey): string {
  const what = `no loaded run has ${ENTITY_WORDS[unknown.entityType]} \`${unknown.key}\``;
  return unknown.suggestion === undefined ? what : `${what}; did you mean \`${unknown.suggestion}\`?`;
}

/** One way to finish the key being typed at the end of a filter. */
export interface KeyCompletion {
  entityType: Exclude<EntityType, 'dataset'>;
  key: string;
  /** Runs that have the key (undefined for attributes: every run has them). */
  runs?: number;
  /** The whole filter with the key completed (quoted when it must be) and a space after it. */
  filter: string;
}

/** `metrics.` `params.acc` `` tags.`mlflow. `` at the end: the entity word and what follows its dot. */
const KEY_AT_END = /(?:^|[\s(])([A-Za-z]+)\.(`[^`]*|"[^"]*|[^\s`'"=<>!()]*)$/;

/**
 * The keys that finish the `entity.key` being typed at the end of `filter`, from the keys the
 * experiment's runs have: those holding the typed part (any case), the ones starting with it
 * first, then the most common, then by name. Nothing when the filter does not end in a key.
 */
export function completeFilterKey(filter: string, known: KnownKeys, limit = 50): KeyCompletion[] {
  const match = KEY_AT_END.exec(filter);
  if (!match) return [];
  const entityType = runEntityOfWord(match[1]!);
  if (entityType === undefined || entityType === 'dataset') return [];
  const typed = match[2]!.replace(/^[`"]/, '').toLowerCase();
  const keyStart = filter.length - match[2]!.length;
  const candidates: [string, number | undefined][] =
    entityType === 'attribute' ? ATTRIBUTE_KEYS.map((key) => [key, undefined]) : [...known[entityType]];
  return candidates
    .filter(([key]) => key.toLowerCase().includes(typed) && quotedKey(key) !== undefined)
    .sort(
      ([a, countA], [b, countB]) =>
        rankOf(a, typed) - rankOf(b, typed) || (countB ?? 0) - (countA ?? 0) || (a < b ? -1 : a > b ? 1 : 0),
    )
    .slice(0, limit)
    .map(([key, runs]) => ({
      entityType,
      key,
      ...(runs === undefined ? {} : { runs }),
      filter: `${filter.slice(0, keyStart)}${quotedKey(key)!} `,
    }));
}

function rankOf(key: string, typed: string): number {
  return key.toLowerCase().startsWith(typed) ? 0 : 1;
}
