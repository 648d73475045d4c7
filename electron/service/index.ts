import type { Handlers } from '../../shared/ipc/contract';
import { CHANNELS } from '../../shared/ipc/channels';
import { AppError } from '../../shared/ipc/error-codes';
import type { VaultStatus } from '../../shared/domain/types';
import { createAppHandlers } from './app.service';
import type { ServiceContext, ServiceDeps } from './context';

export type { ServiceDeps } from './context';
export type ServiceHandlers = Omit<Handlers, 'dialog:openFile' | 'dialog:chooseFolder'>;

export interface CertDeskService {
  handlers: ServiceHandlers;
  lock(reason: string): Promise<void>;
  touch(): void;
  dispose(): Promise<void>;
}

export function createCertDeskService(deps: ServiceDeps): CertDeskService {
  let status: VaultStatus = { state: 'none', path: null };
  const ctx: ServiceContext = { deps, status: () => ({ ...status }) };
  const notYet = (channel: string) => async (): Promise<never> => {
    throw new AppError('NOT_SUPPORTED', `${channel} is not implemented yet`);
  };
  const stubs = Object.fromEntries(
    CHANNELS.filter((c) => !c.startsWith('dialog:')).map((c) => [c, notYet(c)]),
  ) as unknown as ServiceHandlers;
  const handlers: ServiceHandlers = {
    ...stubs,
    ...createAppHandlers(ctx),
    'vault:status': async () => ctx.status(),
  };
  return {
    handlers,
    lock: async () => {
      if (status.state === 'unlocked') status = { ...status, state: 'locked' };
    },
    touch: () => {},
    dispose: async () => {},
  };
}
