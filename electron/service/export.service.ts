import type { Handlers } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';

export function createExportHandlers(ctx: ServiceContext): Pick<Handlers, 'export:bundle' | 'export:trustBundle'> {
  void ctx;
  const todo = async (): Promise<never> => {
    throw new AppError('NOT_SUPPORTED', 'export is not wired yet');
  };
  return { 'export:bundle': todo, 'export:trustBundle': todo };
}
