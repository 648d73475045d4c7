import path from 'node:path';
import { createCertDeskService } from '../electron/service';
import type { EmitEvent, Handlers } from '../shared/ipc/contract';
import type { DialogsPort } from '../electron/service';

export interface FrontEndDeps {
  now: () => Date;
  vaultPath: string;
  emit: EmitEvent;
  dialogs: DialogsPort;
}

/**
 * The handler table the harness (and the CLI-less acceptance tests) use: the real service, with main's
 * native dialogs answered by the test (see `dialogs` in harness.ts).
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
    dialogs: deps.dialogs,
    // The rollback witness stays in the test's own folder, never in the real user config.
    stateDir: path.join(path.dirname(deps.vaultPath), '.certdesk-state'),
  });
  const handlers: Handlers = {
    ...service.handlers,
    'app:info': async (input) => ({ ...(await service.handlers['app:info'](input)), nativeDialogs: false }),
  };
  return { handlers, service };
}
