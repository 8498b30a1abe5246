/**
 * CSV as spreadsheets read it (RFC 4180): comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break, and a byte-order mark so Excel reads UTF-8 names correctly.
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` at the start) is prefixed with
 * an apostrophe, since run names and params come from anyone who can log to the server.
 */

export type CsvCell = string | number | undefined;

const BYTE_ORDER_MARK = '\ufeff';

/** The whole file: a header row, then one row per record. */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvCell[])[]): string {
  const lines = [header, ...rows].map((row) => row.map(csvField).join(','));
  return `${BYTE_ORDER_MARK}${lines.join('\r\n')}\r\n`;
}

/** One field: numbers as JavaScript prints them (NaN, Infinity spelled out), text quoted as needed. */
export function csvField(cell: CsvCell): string {
  if (cell === undefined) return '';
  if (typeof cell === 'number')
    return Number.isFinite(cell) ? String(cell) : Number.isNaN(cell) ? 'NaN' : cell > 0 ? 'Infinity' : '-Infinity';
  const safe = startsLikeFormula(cell) ? `'${cell}` : cell;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A leading `=`, `+`, `-`, `@`, tab or CR makes a formula, unless the text is simply a number. */
function startsLikeFormula(text: string): boolean {
  if (!/^[=+\-@\t\r]/.test(text)) return false;
  return !/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(text.trim());
}
