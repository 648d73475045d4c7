/**
 * Runs PKCS#12 key derivations on a worker thread with a time limit. Reading a .p12 derives up to seven
 * keys at a cost the file chooses (bounded by MAX_READ_ITERATIONS); on the thread that serves IPC that
 * would freeze the window for seconds. The worker is terminated when the limit passes.
 */
import { AppError } from '../../../shared/ipc/error-codes';
import type { KdfJob } from './kdf-jobs';
import { startEntryWorker } from '../worker-start';

/** Far above what MAX_READ_ITERATIONS costs on a slow machine (about 3 s for a legacy file on 2 cores). */
export const KDF_TIME_LIMIT_MS = 30_000;

/** The derived keys, in job order; INVALID_INPUT naming `what` when they take longer than the limit. */
export function deriveOffThread(
  jobs: readonly KdfJob[],
  what: string,
  limitMs: number = KDF_TIME_LIMIT_MS,
): Promise<Uint8Array[]> {
  return new Promise((resolve, reject) => {
    const worker = startEntryWorker('pkcs12-kdf-worker.cjs', 'export/pkcs12-kdf-worker.ts');
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
