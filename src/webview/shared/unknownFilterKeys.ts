/**
 * The check every editor of a run filter makes of the keys it names (the sidebar's Filter Runs
 * input, the runs table's filter box): a metric, param or tag key no known run has, with the
 * closest known key ("did you mean"). MLflow matches keys exactly (case included), so such a key
 * matches no run that is known: usually a misspelling. Pure, for the host and the webview.
 */
import { closestKey } from './closestKey';
import type { KnownKeys, LoggedKeyType } from './filterCompletion';
import type { EntityType } from './searchWords';
import { runEntityOfWord, unquotedKey } from './searchWords';

/** A key a filter names: a parser's comparison, or what `keysNamedIn` finds in a filter being typed. */
export interface NamedKey {
  entityType: EntityType;
  /** The key with its quotes removed. */
  key: string;
  /** Offset of the comparison in the filter. */
  position: number;
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

/** The metric, param and tag keys of `named` that no run in `known` has, each named once. */
export function unknownFilterKeys(named: Iterable<NamedKey>, known: KnownKeys): UnknownKey[] {
  const result: UnknownKey[] = [];
  const seen = new Set<string>();
  for (const { entityType, key, position } of named) {
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

/**
 * Quoted text (values in `'` or `"`, keys in a backtick, closed or running to the end), or an
 * `entity.key` that starts a word: quoted text is passed over whole, so that `entity.` inside a
 * value names nothing.
 */
const NAMED_OR_QUOTED = /'[^']*'?|"[^"]*"?|`[^`]*`?|(?<=^|[\s(])([A-Za-z]+)\.(`[^`]+`|"[^"]+"|[^\s`'"=<>!()]+)/g;

/**
 * The `entity.key`s a filter names, for an editor without the tracking client's parser (the
 * webview) and for a filter still being typed, which the parser would refuse: read as the parser
 * reads them, but without checking the rest of the grammar. Words that are no entity are skipped.
 */
export function keysNamedIn(filter: string): NamedKey[] {
  const named: NamedKey[] = [];
  for (const match of filter.matchAll(NAMED_OR_QUOTED)) {
    if (match[1] === undefined) continue;
    const entityType = runEntityOfWord(match[1]);
    if (entityType !== undefined) named.push({ entityType, key: unquotedKey(match[2]!), position: match.index });
  }
  return named;
}
