/**
 * The words of MLflow's search language that both sides write or read: the entity words of a run
 * filter (`metrics.`, `params.`, …, with the alternatives MLflow accepts), the run attributes it
 * searches, the keys of `datasets.`, and how a key is written after `entity.` so that it reads back
 * as itself. One home: the tracking client's parser checks filters with these words, and the
 * sidebar, the runs table and its filter box write filters and `order_by` clauses with them.
 */

/** What the part before a key's dot names. */
export type EntityType = 'attribute' | 'metric' | 'param' | 'tag' | 'dataset';

/**
 * MLflow's names for the entity types of a run, with the alternatives it accepts (case-sensitive),
 * as `SearchUtils._VALID_IDENTIFIERS` lists them.
 */
export const RUN_ENTITIES: Readonly<Record<string, EntityType>> = {
  metric: 'metric',
  metrics: 'metric',
  parameter: 'param',
  parameters: 'param',
  param: 'param',
  params: 'param',
  tag: 'tag',
  tags: 'tag',
  attribute: 'attribute',
  attributes: 'attribute',
  attr: 'attribute',
  run: 'attribute',
  dataset: 'dataset',
  datasets: 'dataset',
};

/**
 * The entity type a word before a dot names, or undefined for a word MLflow does not accept. Only
 * the words themselves: `constructor` or `toString` are no entity, whatever an object inherits.
 */
export function runEntityOfWord(word: string): EntityType | undefined {
  return Object.hasOwn(RUN_ENTITIES, word) ? RUN_ENTITIES[word] : undefined;
}

/** The word each entity type is written with: `metrics.loss`, `params.lr`, `attributes.status`. */
export const ENTITY_PREFIX: Readonly<Record<EntityType, string>> = {
  attribute: 'attributes',
  metric: 'metrics',
  param: 'params',
  tag: 'tags',
  dataset: 'datasets',
};

/** Searchable run attributes, each mapped to the column MLflow compares (aliases included). */
export const SEARCHABLE_ATTRIBUTES: Readonly<Record<string, string>> = {
  artifact_uri: 'artifact_uri',
  end_time: 'end_time',
  run_id: 'run_id',
  run_name: 'run_name',
  start_time: 'start_time',
  status: 'status',
  user_id: 'user_id',
  created: 'start_time',
  Created: 'start_time',
  'run name': 'run_name',
  'Run name': 'run_name',
  'Run Name': 'run_name',
};

/** The attributes a key is completed to: MLflow's column names, not the aliases it also accepts. */
export const ATTRIBUTE_KEYS: readonly string[] = [...new Set(Object.values(SEARCHABLE_ATTRIBUTES))].sort();

/** The keys `datasets.` compares, in MLflow's order. */
export const DATASET_KEYS: readonly string[] = ['name', 'digest', 'context'];

/** Words the filter language reserves: a key spelled like one is quoted. */
export const SEARCH_KEYWORDS: ReadonlySet<string> = new Set(['AND', 'OR', 'IN', 'NOT', 'LIKE', 'ILIKE', 'IS', 'NULL']);

/** Keys that need no quotes: dotted words that read back as this one key. */
const PLAIN_KEY = /^[\p{L}_][\p{L}\p{N}_]*(?:\.[\p{L}_][\p{L}\p{N}_]*)*$/u;

/**
 * A key as a filter or order_by clause must write it after `entity.`: bare when it reads back as
 * itself, else in backticks (double quotes when it holds a backtick); undefined when it holds both,
 * since MLflow unescapes nothing inside quotes (a doubled backtick stays two backticks of the key).
 */
export function quotedKey(key: string): string | undefined {
  if (PLAIN_KEY.test(key) && !SEARCH_KEYWORDS.has(key.toUpperCase())) return key;
  if (!key.includes('`')) return `\`${key}\``;
  if (!key.includes('"')) return `"${key}"`;
  return undefined;
}

/** The key `written` names, as MLflow reads it: the quotes removed, nothing inside unescaped. */
export function unquotedKey(written: string): string {
  const quote = written[0];
  const quoted = written.length >= 2 && (quote === '`' || quote === '"' || quote === "'") && written.endsWith(quote);
  return quoted ? written.slice(1, -1) : written;
}
