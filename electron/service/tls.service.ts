import type { Handlers } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';

export function createTlsHandlers(ctx: ServiceContext): Pick<Handlers, 'tls:checkMtls'> {
  void ctx;
  return {
    'tls:checkMtls': async () => {
      throw new AppError('NOT_SUPPORTED', 'mTLS check is not wired yet');
    },
  };
}
