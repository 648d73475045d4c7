/** Test double for window.certdesk: canned handlers per channel plus an event emitter (unit tests only). */
import type { CertDeskApi } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/result';

type Handler = (input: unknown) => unknown;

export interface FakeBridge {
  api: CertDeskApi;
  calls: { channel: string; input: unknown }[];
  emit: (event: string, payload?: unknown) => void;
  handle: (channel: string, handler: Handler) => void;
}

export function installFakeBridge(): FakeBridge {
  const handlers = new Map<string, Handler>();
  const listeners = new Map<string, Set<(p: unknown) => void>>();
  const calls: FakeBridge['calls'] = [];
  const api = new Proxy<Record<string, unknown>>(
    {},
    {
      get(_t, ns: string) {
        if (ns === 'on')
          return (event: string, l: (p: unknown) => void) => {
            const set = listeners.get(event) ?? new Set();
            set.add(l);
            listeners.set(event, set);
            return () => set.delete(l);
          };
        return new Proxy(
          {},
          {
            get(_t2, verb: string) {
              return async (input: unknown): Promise<Result<unknown>> => {
                const channel = `${ns}:${verb}`;
                calls.push({ channel, input });
                const h = handlers.get(channel);
                if (!h)
                  return { ok: false, error: { code: 'NOT_SUPPORTED', message: `${channel} not faked` } };
                try {
                  return { ok: true, value: await h(input) };
                } catch (e) {
                  const err = e as { code?: string; message: string };
                  return {
                    ok: false,
                    error: { code: (err.code ?? 'INTERNAL') as 'INTERNAL', message: err.message },
                  };
                }
              };
            },
          },
        );
      },
    },
  ) as unknown as CertDeskApi;
  (globalThis as unknown as { window: { certdesk: CertDeskApi } }).window = { certdesk: api };
  // Node has no idle callbacks; the store schedules idle-time work with them (one 50 ms period per call).
  (globalThis as { requestIdleCallback?: unknown }).requestIdleCallback = (cb: IdleRequestCallback) =>
    setTimeout(() => cb({ didTimeout: false, timeRemaining: () => 50 }), 0);
  return {
    api,
    calls,
    emit: (event, payload) => listeners.get(event)?.forEach((l) => l(payload)),
    handle: (channel, handler) => handlers.set(channel, handler),
  };
}
