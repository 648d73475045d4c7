import type { Handlers } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/error-codes';
import { runBatch, type BatchControl } from './batch-run';
import type { ServiceContext } from './context';

/** `batch:issue` runs one manifest under one CA; `batch:cancel` stops it at the next chunk boundary. */
export function createBatchHandlers(ctx: ServiceContext): Pick<Handlers, 'batch:issue' | 'batch:cancel'> {
  const running = new Map<string, BatchControl>();
  return {
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
