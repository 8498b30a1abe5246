import type { EntityType } from './filterParser';
import type { KnownKeys } from './filterKeys';
import { quotedKey } from './identifierSyntax';
import { RUN_ENTITIES, SEARCHABLE_ATTRIBUTES } from './runFilterRules';

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
/** Attributes a key can be completed to: MLflow's column names, not the aliases it also accepts. */
const ATTRIBUTE_KEYS = [...new Set(Object.values(SEARCHABLE_ATTRIBUTES))].sort();

/**
 * The keys that finish the `entity.key` being typed at the end of `filter`, from the keys the
 * experiment's runs have: those holding the typed part (any case), the ones starting with it
 * first, then the most common, then by name. Nothing when the filter does not end in a key.
 */
export function completeFilterKey(filter: string, known: KnownKeys, limit = 50): KeyCompletion[] {
  const match = KEY_AT_END.exec(filter);
  if (!match) return [];
  const entityType = Object.hasOwn(RUN_ENTITIES, match[1]!) ? RUN_ENTITIES[match[1]!] : undefined;
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
