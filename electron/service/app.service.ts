import type { Handlers } from '../../shared/ipc/contract';
import type { ServiceContext } from './context';

export function createAppHandlers(ctx: ServiceContext): Pick<Handlers, 'app:info'> {
  return {
    'app:info': async () => ({
      name: 'CertDesk',
      version: ctx.deps.appVersion,
      platform: ctx.deps.platform,
      vault: ctx.session.status(),
      now: ctx.deps.now().toISOString(),
    }),
  };
}
