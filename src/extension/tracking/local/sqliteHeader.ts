/** What the first 100 bytes of a would-be SQLite file say about it. */
export type SqliteHeaderVerdict = 'ok' | 'empty' | 'not-sqlite' | 'truncated';

const MAGIC = 'SQLite format 3\0';
const HEADER_BYTES = 100;

/**
 * Checks an SQLite image before opening it: the magic string, and that the image holds as many
 * pages as its header says. A copy taken while another process commits can be cut short
 * ("truncated"); that is worth a second read, while a file with no magic is simply not SQLite.
 */
export function checkSqliteHeader(image: Uint8Array): SqliteHeaderVerdict {
  if (image.length === 0) return 'empty';
  const magic = Buffer.from(image.subarray(0, MAGIC.length)).toString('latin1');
  if (image.length < MAGIC.length ? !MAGIC.startsWith(magic) : magic !== MAGIC) return 'not-sqlite';
  if (image.length < HEADER_BYTES) return 'truncated';
  const view = new DataView(image.buffer, image.byteOffset, HEADER_BYTES);
  const rawPageSize = view.getUint16(16);
  const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
  const pageCount = view.getUint32(28);
  // The page count in the header is only meaningful when these two counters agree (SQLite's file format, section 1.3.7).
  const headerCountValid = pageCount > 0 && view.getUint32(24) === view.getUint32(92);
  if (headerCountValid && image.length < pageSize * pageCount) return 'truncated';
  return 'ok';
}
