import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { parseFlatYaml } from './flatYaml';

/** A parsed `meta.yaml`: MLflow writes a flat mapping of scalars (and `tags` of a dataset input). */
export type MetaRecord = Record<string, unknown>;

/** Reads a `meta.yaml`; throws an Error saying what is wrong when it is not a YAML mapping. */
export function readMetaYaml(path: string): MetaRecord {
  const text = readFileSync(path, 'utf8');
  let value: unknown = parseFlatYaml(text);
  if (value === undefined) value = parseYaml(text);
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw new Error('meta.yaml does not hold a mapping');
  return value as MetaRecord;
}

function parseYaml(text: string): unknown {
  try {
    // Big integers stay exact: an all-digit id must not be rounded to a nearby double.
    return parse(text, { prettyErrors: false, intAsBigInt: true });
  } catch (error) {
    throw new Error(
      `meta.yaml is not valid YAML (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`,
    );
  }
}

/** A text field; numbers count as text (YAML reads an unquoted `0` as a number). */
export function metaText(meta: MetaRecord, field: string): string | undefined {
  const value = meta[field];
  if (typeof value === 'string') return value;
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'bigint') return String(value);
  return undefined;
}

/** A whole-number field (a time in ms, a step); undefined when empty or not a number. */
export function metaInteger(meta: MetaRecord, field: string): number | undefined {
  const value = meta[field];
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'number' && Number.isSafeInteger(value)) return value;
  if (typeof value === 'string' && /^-?\d+$/.test(value.trim())) return Number(value);
  return undefined;
}
