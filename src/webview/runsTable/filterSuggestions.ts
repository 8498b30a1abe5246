/**
 * What the filter box offers as the user types MLflow's filter language, from the loaded runs: ways
 * to finish the key or value at the end of the text, and a warning with "did you mean" for a key no
 * loaded run has. Pure, so that it is tested in plain Node.
 */
import type { TableRow } from '../protocol';
import { closestKey } from '../shared/closestKey';
import { ATTRIBUTE_KEYS, quotedKey, runEntityOfWord, unquotedKey } from '../shared/searchWords';
import type { discoverKeys } from './columns';

export type KnownKeys = ReturnType<typeof discoverKeys>;

const KEY_AT_END = /(?:^|[\s(])([A-Za-z]+)\.(`[^`]*|"[^"]*|[^\s`'"=<>!()]*)$/;
const VALUE_AT_END =
  /(?:^|[\s(])([A-Za-z]+)\.(`[^`]+`|"[^"]+"|[^\s`'"=<>!()]+)\s*(?:=|!=|LIKE|ILIKE)\s*(['"])([^'"]*)$/i;
const KEY_ANYWHERE = /(?:^|[\s(])([A-Za-z]+)\.(`[^`]+`|"[^"]+"|[^\s`'"=<>!()]+)/g;
const MAX_SUGGESTIONS = 50;

export interface Suggestion {
  label: string;
  /** The whole filter with this suggestion taken. */
  filter: string;
  detail?: string;
}

/** Ways to finish the key or value being typed at the end of `text`. */
export function suggest(text: string, known: KnownKeys, rows: readonly TableRow[]): Suggestion[] {
  const value = VALUE_AT_END.exec(text);
  if (value) {
    const entity = runEntityOfWord(value[1]!);
    const key = unquotedKey(value[2]!);
    const typed = value[4]!.toLowerCase();
    const values = new Map<string, number>();
    for (const row of rows) {
      const logged = entity === 'param' ? row.params : entity === 'tag' ? row.tags : undefined;
      const found = logged && Object.hasOwn(logged, key) ? logged[key] : undefined;
      if (found !== undefined && found.toLowerCase().includes(typed) && !found.includes(value[3]!))
        values.set(found, (values.get(found) ?? 0) + 1);
    }
    const start = text.length - value[4]!.length;
    return [...values]
      .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
      .slice(0, MAX_SUGGESTIONS)
      .map(([found, count]) => ({
        label: found,
        filter: `${text.slice(0, start)}${found}${value[3]} `,
        detail: `${count} run${count === 1 ? '' : 's'}`,
      }));
  }
  const key = KEY_AT_END.exec(text);
  const entity = key ? runEntityOfWord(key[1]!) : undefined;
  // Dataset keys are three fixed words: not completed, as in the sidebar's filter input.
  if (!key || entity === undefined || entity === 'dataset') return [];
  const typed = key[2]!.replace(/^[`"]/, '').toLowerCase();
  const start = text.length - key[2]!.length;
  const candidates: [string, number | undefined][] =
    entity === 'attribute' ? ATTRIBUTE_KEYS.map((name) => [name, undefined]) : [...known[entity]];
  // A key no filter can name (it holds both quotes) is not offered.
  return candidates
    .filter(([name]) => name.toLowerCase().includes(typed) && quotedKey(name) !== undefined)
    .sort(([a, x], [b, y]) => rank(a, typed) - rank(b, typed) || (y ?? 0) - (x ?? 0) || (a < b ? -1 : 1))
    .slice(0, MAX_SUGGESTIONS)
    .map(([name, count]) => ({
      label: name,
      filter: `${text.slice(0, start)}${quotedKey(name)!} `,
      detail: count === undefined ? undefined : `${count} run${count === 1 ? '' : 's'}`,
    }));
}

function rank(key: string, typed: string): number {
  return key.toLowerCase().startsWith(typed) ? 0 : 1;
}

/**
 * The metric, param and tag keys `filter` names that no loaded run has, each once, with the closest
 * known key when one is close: MLflow matches keys exactly, so such a filter matches no loaded run.
 */
export function unknownKeys(filter: string, known: KnownKeys): string[] {
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const match of filter.matchAll(KEY_ANYWHERE)) {
    const entity = runEntityOfWord(match[1]!);
    if (entity === undefined || entity === 'attribute' || entity === 'dataset') continue;
    const key = unquotedKey(match[2]!);
    if (known[entity].has(key) || seen.has(`${entity}:${key}`)) continue;
    seen.add(`${entity}:${key}`);
    const closest = closestKey(key, known[entity].keys());
    warnings.push(`no run has ${entity} \`${key}\`${closest === undefined ? '' : `; did you mean \`${closest}\`?`}`);
  }
  return warnings;
}
