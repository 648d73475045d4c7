import { AppError } from '../../../shared/ipc/error-codes';
import { acquireWriterLock, type WriterLock } from '../vault/writer-lock';

/**
 * Short exclusive lock around one audit append, so the app and a CLI process appending at the same time never
 * fork the chain. Waits while a live process holds it (appends take milliseconds); stale locks are cleared.
 */
export async function withAuditLock<T>(auditPath: string, op: () => Promise<T>): Promise<T> {
  const lockPath = `${auditPath}.lock`;
  let lock: WriterLock | null = null;
  for (let attempt = 0; lock === null; attempt++) {
    try {
      lock = await acquireWriterLock(lockPath, auditPath);
    } catch (e) {
      if (!(e instanceof AppError) || e.code !== 'VAULT_BUSY') throw e;
      if (attempt >= 500) {
        throw new AppError('VAULT_BUSY', `The audit log ${auditPath} stayed locked for 5 s: ${e.message}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  try {
    return await op();
  } finally {
    await lock.release();
  }
}
