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
