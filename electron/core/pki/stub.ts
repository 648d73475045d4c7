import { AppError } from '../../../shared/ipc/error-codes';
export function notYet(name: string): never {
  throw new AppError('NOT_SUPPORTED', `${name} is not implemented yet`);
}
