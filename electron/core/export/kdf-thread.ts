/**
 * Runs PKCS#12 key derivations on a worker thread with a time limit. Reading a .p12 derives up to seven
 * keys at a cost the file chooses (bounded by MAX_READ_ITERATIONS); on the thread that serves IPC that
 * would freeze the window for seconds. The worker is terminated when the limit passes.
 *
 * Where the worker's code is: the bundles (dist/electron, dist/cli) carry pkcs12-kdf-worker.cjs beside
 * themselves (scripts/build.mjs); run from source (tests, tsx) there is no bundle, so the TypeScript entry is
 * loaded through tsx's require hook.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { AppError } from '../../../shared/ipc/error-codes';
import type { KdfJob } from './kdf-jobs';

/** Far above what MAX_READ_ITERATIONS costs on a slow machine (about 3 s for a legacy file on 2 cores). */
export const KDF_TIME_LIMIT_MS = 30_000;

const here = typeof __dirname === 'string' ? __dirname : dirname(fileURLToPath(import.meta.url));

function startWorker(): Worker {
  const bundled = join(here, 'pkcs12-kdf-worker.cjs');
  if (existsSync(bundled)) return new Worker(bundled);
  const source = join(here, 'pkcs12-kdf-worker.ts');
  const tsx = createRequire(join(here, 'kdf-thread.ts')).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)}); require(${JSON.stringify(source)});`, { eval: true });
}

/** The derived keys, in job order; INVALID_INPUT naming `what` when they take longer than the limit. */
export function deriveOffThread(
  jobs: readonly KdfJob[],
  what: string,
  limitMs: number = KDF_TIME_LIMIT_MS,
): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const worker = startWorker();
    let settled = false;
    const finish = (fn: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      void worker.terminate();
      fn();
    };
    const timer = setTimeout(
      () =>
        finish(() =>
          reject(
            new AppError(
              'INVALID_INPUT',
              `${what}: its key derivation did not finish within ${limitMs / 1000} s; refused as damaged or hostile`,
            ),
          ),
        ),
      limitMs,
    );
    worker.once('message', (m: { keys?: Uint8Array[]; error?: string }) =>
      finish(() =>
        m.keys
          ? resolve(m.keys)
          : reject(new AppError('INTERNAL', `key derivation failed: ${m.error ?? '?'}`)),
      ),
    );
    worker.once('error', (e) =>
      finish(() => reject(new AppError('INTERNAL', `key derivation failed: ${e.message}`))),
    );
    worker.once('exit', (code) =>
      finish(() => reject(new AppError('INTERNAL', `key derivation stopped (worker exit ${code})`))),
    );
    worker.postMessage(jobs);
  });
}
