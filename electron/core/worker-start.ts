/**
 * Starts one of CertDesk's worker-thread entries. The bundles (dist/electron, dist/cli) carry each entry as a
 * `.cjs` beside themselves (scripts/build.mjs); run from source (tests, tsx, benchmarks) there is no bundle, so
 * the TypeScript entry is loaded through tsx's require hook.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

/** `bundleName`: the entry's file beside the bundle; `sourcePath`: its TypeScript source, from electron/core. */
export function startEntryWorker(bundleName: string, sourcePath: string): Worker {
  const bundled = join(here, bundleName);
  if (existsSync(bundled)) return new Worker(bundled);
  const source = join(here, sourcePath);
  const tsx = createRequire(join(here, 'worker-start.ts')).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { eval: true });
}
