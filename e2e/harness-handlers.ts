import { createCertDeskService } from '../electron/service';
import type { Handlers } from '../shared/ipc/contract';
import type { AppEvent } from '../shared/ipc/channels';
import { AppError } from '../shared/ipc/error-codes';

export interface FrontEndDeps {
  now: () => Date;
  vaultPath: string;
  emit: (event: AppEvent, payload?: unknown) => void;
}

/**
 * The handler table the harness (and the CLI-less acceptance tests) use: the real service plus the two
 * front-end channels that only Electron can serve natively. Without native dialogs the UI asks for typed paths.
 */
export async function createFrontEndHandlers(deps: FrontEndDeps): Promise<{
  handlers: Handlers;
  service: ReturnType<typeof createCertDeskService>;
}> {
  const service = createCertDeskService({
    now: deps.now,
    defaultVaultPath: deps.vaultPath,
    appVersion: process.env.npm_package_version ?? '0.1.0',
    platform: process.platform,
    emit: deps.emit,
  });
  const handlers: Handlers = {
    ...service.handlers,
    'app:info': async (input) => ({ ...(await service.handlers['app:info'](input)), nativeDialogs: false }),
    'dialog:openFile': () =>
      Promise.reject(new AppError('NOT_SUPPORTED', 'No native file dialog here: type the path')),
    'dialog:chooseFolder': () =>
      Promise.reject(new AppError('NOT_SUPPORTED', 'No native folder dialog here: type the path')),
  };
  return { handlers, service };
}
