/**
 * Completion of MLflow's run filter language as it is typed, for every editor of a filter (the
 * sidebar's Filter Runs input, the runs table's filter box): the `metrics.` / `params.` / `tags.` /
 * `attributes.` key being typed at the end of the text, and the quoted value of a param or tag
 * being typed after `=`, `!=`, `LIKE` or `ILIKE`, from the keys and values of the runs the editor
 * has. Pure, so that both the host and the webview use it and it is tested in plain Node.
 */
import type { EntityType } from './searchWords';
import { ATTRIBUTE_KEYS, quotedKey, runEntityOfWord, unquotedKey } from './searchWords';

/** The entity types whose keys are free (logged by runs), unlike attributes, which MLflow fixes. */
export type LoggedKeyType = 'metric' | 'param' | 'tag';

/**
 * The keys some run logged, per entity type, each with the number of runs that have it: what a
 * filter's keys are checked against and completed from.
 */
export type KnownKeys = Readonly<Record<LoggedKeyType, ReadonlyMap<string, number>>>;

/** What a run logged that a filter compares with quoted text: its params and tags. */
export interface LoggedText {
  params: Readonly<Record<string, string>>;
  tags: Readonly<Record<string, string>>;
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

/** One way to finish the quoted value being typed at the end of a filter. */
export interface ValueCompletion {
  entityType: 'param' | 'tag';
  key: string;
  value: string;
  /** Runs whose `key` has this value. */
  runs: number;
  /** The whole filter with the value and its closing quote written, and a space after them. */
  filter: string;
}

/** At most this many completions are offered: a list to read, not every key of 10,000 runs. */
const MAX_COMPLETIONS = 50;

/** `metrics.` `params.acc` `` tags.`mlflow. `` at the end: the entity word and what follows its dot. */
const KEY_AT_END = /(?:^|[\s(])([A-Za-z]+)\.(`[^`]*|"[^"]*|[^\s`'"=<>!()]*)$/;
/** `params.optimizer = 'ad` at the end: entity word, key, the opening quote and the value typed after it. */
const VALUE_AT_END =
  /(?:^|[\s(])([A-Za-z]+)\.(`[^`]+`|"[^"]+"|[^\s`'"=<>!()]+)\s*(?:=|!=|LIKE|ILIKE)\s*(['"])([^'"]*)$/i;

/**
 * The keys that finish the `entity.key` being typed at the end of `filter`, from the keys the
 * runs have: those holding the typed part (any case), the ones starting with it first, then the
 * most common, then by name. A key no filter can name (it holds both quotes) is not offered.
 * Nothing when the filter does not end in a key, or in a dataset's (three fixed words), or when
 * the `entity.` is text inside a quoted value (`tags.note = 'see metrics.`).
 */
export function completeFilterKey(filter: string, known: KnownKeys, limit = MAX_COMPLETIONS): KeyCompletion[] {
  const match = KEY_AT_END.exec(filter);
  if (!match || endsInQuotedValue(filter)) return [];
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
        rankOf(a, typed) - rankOf(b, typed) || (countB ?? 0) - (countA ?? 0) || compareText(a, b),
    )
    .slice(0, limit)
    .map(([key, runs]) => ({
      entityType,
      key,
      ...(runs === undefined ? {} : { runs }),
      filter: `${filter.slice(0, keyStart)}${quotedKey(key)!} `,
    }));
}

/**
 * The values that finish the quoted value being typed at the end of `filter` after a param or tag
 * key and `=`, `!=`, `LIKE` or `ILIKE`, from the values `runs` logged for that key: those holding
 * the typed part (any case), the most common first, then by text. A value holding the quote it
 * would be written in cannot be written (MLflow unescapes nothing) and is not offered. Metrics
 * compare with numbers, attributes and datasets with what no run logs: nothing for them.
 */
export function completeFilterValue(
  filter: string,
  runs: Iterable<LoggedText>,
  limit = MAX_COMPLETIONS,
): ValueCompletion[] {
  const match = VALUE_AT_END.exec(filter);
  if (!match) return [];
  const entityType = runEntityOfWord(match[1]!);
  if (entityType !== 'param' && entityType !== 'tag') return [];
  const key = unquotedKey(match[2]!);
  const quote = match[3]!;
  const typed = match[4]!.toLowerCase();
  const counts = new Map<string, number>();
  for (const run of runs) {
    const logged = entityType === 'param' ? run.params : run.tags;
    if (!Object.hasOwn(logged, key)) continue;
    const value = logged[key]!;
    if (value.toLowerCase().includes(typed) && !value.includes(quote)) counts.set(value, (counts.get(value) ?? 0) + 1);
  }
  const valueStart = filter.length - match[4]!.length;
  return [...counts]
    .sort(([a, countA], [b, countB]) => countB - countA || compareText(a, b))
    .slice(0, limit)
    .map(([value, count]) => ({
      entityType,
      key,
      value,
      runs: count,
      filter: `${filter.slice(0, valueStart)}${value}${quote} `,
    }));
}

/**
 * True when the end of `filter` is inside a quoted value still open: a `'` string, or a `"` one
 * (a `"` right after `entity.` opens a quoted key instead, as a backtick always does).
 */
function endsInQuotedValue(filter: string): boolean {
  let last: RegExpExecArray | undefined;
  for (const match of filter.matchAll(QUOTED)) last = match;
  if (!last || last.index + last[0].length < filter.length) return false;
  const [quoted] = last;
  const open = quoted.length === 1 || quoted.at(-1) !== quoted[0];
  return open && (quoted[0] === "'" || (quoted[0] === '"' && filter[last.index - 1] !== '.'));
}

/** Quoted text, closed or running to the end: values in `'` or `"`, keys in a backtick or `"`. */
const QUOTED = /`[^`]*`?|'[^']*'?|"[^"]*"?/g;

function rankOf(key: string, typed: string): number {
  return key.toLowerCase().startsWith(typed) ? 0 : 1;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
