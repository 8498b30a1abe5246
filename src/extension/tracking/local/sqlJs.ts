import initSqlJs from 'sql.js/dist/sql-wasm-inline.js';
import type { SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | undefined;

/**
 * SQLite compiled to WebAssembly (sql.js), loaded once per process. The inline build carries
 * its WASM inside the JavaScript, so it works unchanged when esbuild bundles the extension into
 * one file, with no native module to build.
 */
export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}
