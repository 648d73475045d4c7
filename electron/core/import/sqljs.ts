/**
 * sql.js (SQLite compiled to WebAssembly: no native module, so Electron needs no rebuild) opened on a
 * database's bytes in memory. The file on disk is never opened by SQLite, so it is never written.
 *
 * sql.js loads `sql-wasm.wasm` from its own folder: node_modules/sql.js/dist when run from source, the
 * bundle's folder once built (scripts/build.mjs copies the file beside main.cjs and certdesk.cjs).
 */
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | null = null;

export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs().catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}
