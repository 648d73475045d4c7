import type { IpcMain } from 'electron';
import { CHANNELS, countsAsActivity, type Channel } from '../../../shared/ipc/channels';
import { fail, type Result } from '../../../shared/result';
import type { Dispatch } from '../../service/dispatch';
import { isTrustedSender, type SenderFrameLike } from './sender-policy';

export interface IpcEventLike {
  senderFrame: SenderFrameLike | null;
}

export interface IpcDeps {
  dispatch: Dispatch;
  /** resets the service's idle auto-lock timer: every call but the page's clock refreshes counts as activity */
  touch(): void;
  onRefused?: (channel: Channel, url: string) => void;
}

/** The one guard every channel goes through: sender check, activity, then the dispatcher's validation. */
export function guardedHandler(
  channel: Channel,
  deps: IpcDeps,
): (event: IpcEventLike, payload: unknown) => Promise<Result<unknown>> {
  return async (event, payload) => {
    if (!isTrustedSender(event.senderFrame)) {
      deps.onRefused?.(channel, event.senderFrame?.url ?? '(destroyed frame)');
      return fail(
        'FORBIDDEN_SENDER',
        `IPC call to ${channel} refused: it did not come from the CertDesk window`,
      );
    }
    if (countsAsActivity(channel)) deps.touch();
    return deps.dispatch(channel, payload);
  };
}

/**
 * Registers every contract channel in one loop, so no channel can exist without the guard. Payloads stay
 * `unknown` here: createDispatcher validates them against the contract's schemas.
 */
export function registerIpcHandlers(ipcMain: Pick<IpcMain, 'handle'>, deps: IpcDeps): Channel[] {
  for (const channel of CHANNELS) ipcMain.handle(channel, guardedHandler(channel, deps));
  return [...CHANNELS];
}
