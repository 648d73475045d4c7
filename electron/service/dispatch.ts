import { contract, MAX_PAYLOAD_BYTES, type Handlers } from '../../shared/ipc/contract';
import { isChannel } from '../../shared/ipc/channels';
import { AppError, isAppError } from '../../shared/ipc/error-codes';
import { fail, ok, type Result } from '../../shared/result';

export type Dispatch = (channel: unknown, payload: unknown) => Promise<Result<unknown>>;

export interface DispatchOptions {
  /** called with internal errors (never with inputs, which may hold passphrases) */
  onInternalError?: (channel: string, error: unknown) => void;
}

function payloadSize(payload: unknown): number {
  try {
    return JSON.stringify(payload ?? null).length;
  } catch {
    return Number.POSITIVE_INFINITY;
  }
}

function describeIssues(issues: { path: PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : 'input'}: ${i.message}`)
    .join('; ');
}

/**
 * The one entry point every front-end (Electron IPC, CLI, e2e harness) calls: unknown channel, oversize or
 * malformed payload and thrown errors all come back as typed failures, never as a crash.
 */
export function createDispatcher(handlers: Handlers, options: DispatchOptions = {}): Dispatch {
  return async (channel, payload) => {
    if (!isChannel(channel)) {
      return fail(
        'UNKNOWN_CHANNEL',
        `Unknown channel: ${typeof channel === 'string' ? channel.slice(0, 80) : typeof channel}`,
      );
    }
    if (payloadSize(payload) > MAX_PAYLOAD_BYTES) {
      return fail('PAYLOAD_TOO_LARGE', `Payload for ${channel} exceeds ${MAX_PAYLOAD_BYTES} bytes`);
    }
    const parsed = contract[channel].input.safeParse(payload ?? {});
    if (!parsed.success) {
      return fail('INVALID_INPUT', `Invalid input for ${channel}: ${describeIssues(parsed.error.issues)}`);
    }
    try {
      const handler = handlers[channel] as (input: unknown) => Promise<unknown>;
      return ok(await handler(parsed.data));
    } catch (e) {
      if (isAppError(e)) return fail(e.code, e.message);
      options.onInternalError?.(channel, e);
      return fail('INTERNAL', `Internal error in ${channel}: ${e instanceof Error ? e.message : String(e)}`);
    }
  };
}

export { AppError };
