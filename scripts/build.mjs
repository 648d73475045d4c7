// Builds main, preload and CLI with esbuild (CommonJS: a sandboxed preload cannot be an ES module) and the
// renderer with Vite. Output goes to dist/, which is all electron-builder ships.
import { build } from 'esbuild';
import { chmodSync, copyFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const common = {
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  sourcemap: true,
  logLevel: 'warning',
  external: ['electron'],
  // kdf-thread.ts reads import.meta.url only when run from source (no __dirname); bundles never reach it.
  logOverride: { 'empty-import-meta': 'silent' },
};

await Promise.all([
  build({ ...common, entryPoints: ['electron/main/index.ts'], outfile: 'dist/electron/main.cjs' }),
  build({
    ...common,
    entryPoints: ['electron/preload/index.ts'],
    outfile: 'dist/electron/preload.cjs',
    sourcemap: false,
  }),
  build({
    ...common,
    entryPoints: ['electron/cli/main.ts'],
    outfile: 'dist/cli/certdesk.cjs',
    banner: { js: '#!/usr/bin/env node' },
  }),
  // Worker-thread entries, beside each bundle that starts them (core/worker-start.ts): PKCS#12 key derivations
  // of files being read (core/export/kdf-thread.ts), and a large vault's frames opened ahead of the parse
  // (core/vault/frame-thread.ts).
  ...['dist/electron', 'dist/cli'].flatMap((dir) =>
    [
      ['electron/core/export/pkcs12-kdf-worker.ts', 'pkcs12-kdf-worker.cjs'],
      ['electron/core/vault/frame-worker.ts', 'frame-worker.cjs'],
    ].map(([entry, name]) =>
      build({ ...common, entryPoints: [entry], outfile: `${dir}/${name}`, sourcemap: false }),
    ),
  ),
]);
chmodSync('dist/cli/certdesk.cjs', 0o755);
// sql.js (XCA import) loads its WebAssembly from beside the bundle that runs it.
for (const dir of ['dist/cli', 'dist/electron'])
  copyFileSync('node_modules/sql.js/dist/sql-wasm.wasm', `${dir}/sql-wasm.wasm`);
execFileSync(
  process.execPath,
  ['node_modules/vite/bin/vite.js', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
  {
    stdio: 'inherit',
  },
);
console.log('built dist/electron, dist/cli, dist/renderer');
