import type { Handlers } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/error-codes';
import { runBatch, type BatchControl } from './batch-run';
import type { ServiceContext } from './context';
import { readInputFile } from './files';

/** The manifest text batch:issue accepts is at most this long, so a larger file could never be issued. */
const MAX_MANIFEST_BYTES = 3_000_000;

/**
 * `batch:readManifest` reads the manifest file the operator chose in main's open dialog (the renderer never
 * reads files); `batch:issue` runs one manifest under one CA; `batch:cancel` stops it at the next chunk boundary.
 */
export function createBatchHandlers(
  ctx: ServiceContext,
): Pick<Handlers, 'batch:readManifest' | 'batch:issue' | 'batch:cancel'> {
  const running = new Map<string, BatchControl>();
  return {
    'batch:readManifest': async ({ fileGrant }) => {
      const path = ctx.grants.take(fileGrant, 'read-file', 'manifest file');
      const bytes = await readInputFile(path, 'manifest', MAX_MANIFEST_BYTES);
      try {
        return { manifest: new TextDecoder('utf-8', { fatal: true }).decode(bytes) };
      } catch {
        throw new AppError('INVALID_INPUT', `The manifest file ${path} is not UTF-8 text (CSV or JSON)`);
      }
    },
    'batch:issue': async (input) => {
      if (running.has(input.batchId)) {
        throw new AppError(
          'INVALID_INPUT',
          `A batch with id ${input.batchId} is already running; choose a new batch id`,
        );
      }
      const control: BatchControl = { cancelled: false };
      running.set(input.batchId, control);
      try {
        return await runBatch(ctx, input, control);
      } finally {
        running.delete(input.batchId);
      }
    },
    'batch:cancel': async ({ batchId }) => {
      const control = running.get(batchId);
      if (!control) return { cancelled: false };
      control.cancelled = true;
      return { cancelled: true };
    },
  };
}
