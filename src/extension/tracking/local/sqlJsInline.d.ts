// sql.js's single-file build: the WASM is inlined, so the bundled extension needs no extra file.
declare module 'sql.js/dist/sql-wasm-inline.js' {
  import type initSqlJs from 'sql.js';
  const initInlineSqlJs: typeof initSqlJs;
  export = initInlineSqlJs;
}
