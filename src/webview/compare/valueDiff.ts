/**
 * The params (or tags) of several runs side by side: one row per key of any run, with whether the
 * runs disagree. Values that read as the same number (`0.01` and `1e-2`) agree; a run that lacks
 * the key disagrees with one that has it.
 */
export interface ValueRow {
  key: string;
  /** One per run, in the runs' order; undefined where the run has no such key. */
  values: (string | undefined)[];
  differs: boolean;
}

/** "Only differences" is on by default when there are more rows than this. */
export const ONLY_DIFFERENCES_ABOVE = 5;

const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });

/** Rows for the union of keys of `records` (one record per run), sorted by key as people read them. */
export function diffValues(records: readonly Readonly<Record<string, string>>[]): ValueRow[] {
  const keys = new Set<string>();
  for (const record of records) for (const key of Object.keys(record)) keys.add(key);
  return [...keys]
    .sort((a, b) => collator.compare(a, b) || (a < b ? -1 : a > b ? 1 : 0))
    .map((key) => {
      const values = records.map((record) => (Object.hasOwn(record, key) ? record[key] : undefined));
      return { key, values, differs: !values.every((value) => sameValue(value, values[0])) };
    });
}

/** Equal text, or both numbers of equal value. */
export function sameValue(a: string | undefined, b: string | undefined): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined) return false;
  const x = asNumber(a);
  const y = asNumber(b);
  return x !== undefined && y !== undefined && x === y;
}

function asNumber(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(trimmed)) return undefined;
  return Number(trimmed);
}

export interface RowFilter {
  onlyDifferences: boolean;
  /** Case-insensitive text the key must contain; empty keeps every key. */
  keyFilter: string;
}

export function filterRows(rows: readonly ValueRow[], filter: RowFilter): ValueRow[] {
  const needle = filter.keyFilter.trim().toLowerCase();
  return rows.filter(
    (row) => (!filter.onlyDifferences || row.differs) && (needle === '' || row.key.toLowerCase().includes(needle)),
  );
}

/** MLflow's own tags (`mlflow.*`) apart from the user's. */
export function splitSystemTags(rows: readonly ValueRow[]): { user: ValueRow[]; system: ValueRow[] } {
  return {
    user: rows.filter((row) => !row.key.startsWith('mlflow.')),
    system: rows.filter((row) => row.key.startsWith('mlflow.')),
  };
}
