import type { Handlers } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';

/** Batch issuance arrives with a later change; the channels exist so the contract stays complete. */
export function createBatchHandlers(ctx: ServiceContext): Pick<Handlers, 'batch:issue' | 'batch:cancel'> {
  void ctx;
  return {
    'batch:issue': async () => {
      throw new AppError('NOT_SUPPORTED', 'Batch issuance is not available in this build yet');
    },
    'batch:cancel': async () => ({ cancelled: false }),
  };
}
