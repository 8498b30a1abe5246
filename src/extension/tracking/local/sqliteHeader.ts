/** What the first 100 bytes of a would-be SQLite file say about it. */
export type SqliteHeaderVerdict = 'ok' | 'empty' | 'not-sqlite' | 'truncated';

const MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;

/**
 * Checks a file's SQLite header before SQLite opens it, for a clear message: the magic string,
 * and that the file holds as many pages as its header says (a file cut short is damaged; SQLite
 * would otherwise fail later, on whichever page is missing).
 */
export function checkSqliteHeader(header: Uint8Array, fileSize: number): SqliteHeaderVerdict {
  if (fileSize === 0 || header.length === 0) return 'empty';
  const magic = Buffer.from(header.subarray(0, MAGIC.length)).toString('latin1');
  if (header.length < MAGIC.length ? !MAGIC.startsWith(magic) : magic !== MAGIC) return 'not-sqlite';
  if (header.length < HEADER_BYTES) return 'truncated';
  const view = new DataView(header.buffer, header.byteOffset, HEADER_BYTES);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = view.getUint32(28);
  // The page count in the header is only meaningful when these two counters agree (SQLite's file format, section 1.3.7).
  const headerCountValid = pageCount > 0 && view.getUint32(24) === view.getUint32(92);
  if (headerCountValid && fileSize < pageSize * pageCount) return 'truncated';
  return 'ok';
}
