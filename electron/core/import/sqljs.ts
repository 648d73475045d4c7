/**
 * sql.js (SQLite compiled to WebAssembly: no native module, so Electron needs no rebuild) opened on a
 * database's bytes in memory. The file on disk is never opened by SQLite, so it is never written.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import initSqlJs, { type SqlJsStatic } from 'sql.js';

let loading: Promise<SqlJsStatic> | null = null;

/** The build copies sql-wasm.wasm beside the bundle; from source (tests) it resolves from node_modules. */
function wasmBinary(): Uint8Array {
  const beside = join(__dirname, 'sql-wasm.wasm');
  try {
    return readFileSync(beside);
  } catch {
    return readFileSync(createRequire(__filename).resolve('sql.js/dist/sql-wasm.wasm'));
  }
}

export function loadSqlJs(): Promise<SqlJsStatic> {
  loading ??= initSqlJs({ wasmBinary: wasmBinary() as unknown as ArrayBuffer }).catch((e: unknown) => {
    loading = null;
    throw e;
  });
  return loading;
}
