/**
 * CSV as spreadsheets read it (RFC 4180): comma-separated, CRLF line ends, fields quoted when they
 * hold a comma, quote or line break, and a byte-order mark so Excel reads UTF-8 names correctly.
 * Text that a spreadsheet would run as a formula (`=`, `+`, `-`, `@` at the start) is prefixed with
 * an apostrophe, since run names and params come from anyone who can log to the server.
 * Also the reverse, for artifact previews: CSV text read into rows.
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

/**
 * Reads CSV text for an artifact preview: RFC 4180 quoting (quoted fields may hold commas, quotes
 * doubled, line breaks), CRLF or LF line ends, at most `maxRows` rows. A last line cut off by a
 * truncated read is dropped rather than shown half.
 */
export function parseCsv(text: string, maxRows: number, truncated = false): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endRow = (): void => {
    row.push(field);
    rows.push(row);
    row = [];
    field = '';
  };
  while (i < text.length && rows.length < maxRows) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (char === '"') quoted = false;
      else field += char;
      i++;
      continue;
    }
    if (char === '"' && field === '') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\n' || char === '\r') {
      endRow();
      if (char === '\r' && text[i + 1] === '\n') i++;
    } else field += char;
    i++;
  }
  const complete = i < text.length || !truncated;
  if (rows.length < maxRows && (field !== '' || row.length > 0) && complete) endRow();
  return rows;
}
