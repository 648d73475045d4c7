import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../shared/ipc/channels';
import { ok } from '../../../shared/result';
import { guardedHandler, registerIpcHandlers, type IpcDeps } from './register';
import { isTrustedSender } from './sender-policy';

const appFrame = { url: 'app://certdesk/index.html', parent: null };

function deps(): IpcDeps & { calls: unknown[][]; touches: number } {
  const state = {
    calls: [] as unknown[][],
    touches: 0,
    dispatch: async (channel: unknown, payload: unknown) => {
      state.calls.push([channel, payload]);
      return ok('dispatched');
    },
    touch: () => {
      state.touches += 1;
    },
  };
  return state;
}

describe('isTrustedSender', () => {
  it('trusts only the top-level frame of the app origin', () => {
    expect(isTrustedSender(appFrame)).toBe(true);
    expect(isTrustedSender({ url: 'app://certdesk/index.html', parent: {} })).toBe(false);
    expect(isTrustedSender({ url: 'https://example.com/', parent: null })).toBe(false);
    expect(isTrustedSender({ url: 'file:///tmp/index.html', parent: null })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });
});

describe('guardedHandler', () => {
  it('touches the idle timer and dispatches calls from the app window', async () => {
    const d = deps();
    const result = await guardedHandler('vault:status', d)({ senderFrame: appFrame }, { a: 1 });
    expect(result).toEqual({ ok: true, value: 'dispatched' });
    expect(d.calls).toEqual([['vault:status', { a: 1 }]]);
    expect(d.touches).toBe(1);
  });

  it("dispatches the page's clock refresh of the dashboard without holding off the auto-lock", async () => {
    const d = deps();
    const result = await guardedHandler('dashboard:summary', d)({ senderFrame: appFrame }, {});
    expect(result).toEqual({ ok: true, value: 'dispatched' });
    expect(d.calls).toEqual([['dashboard:summary', {}]]);
    expect(d.touches).toBe(0);
  });

  it('refuses a foreign or destroyed sender with FORBIDDEN_SENDER without dispatching or touching', async () => {
    const d = deps();
    const refused: string[] = [];
    const handler = guardedHandler('certs:list', {
      ...d,
      onRefused: (c, url) => refused.push(`${c} ${url}`),
    });
    for (const senderFrame of [{ url: 'https://example.com/', parent: null }, null]) {
      const result = await handler({ senderFrame }, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_SENDER' } });
    }
    expect(d.calls).toEqual([]);
    expect(d.touches).toBe(0);
    expect(refused).toEqual(['certs:list https://example.com/', 'certs:list (destroyed frame)']);
  });
});

describe('registerIpcHandlers', () => {
  it('registers exactly the contract channels, each behind the sender guard', async () => {
    const registered = new Map<string, (event: unknown, payload: unknown) => Promise<unknown>>();
    const ipcMain = {
      handle: (channel: string, fn: (event: unknown, payload: unknown) => Promise<unknown>) =>
        registered.set(channel, fn),
    };
    const d = deps();
    registerIpcHandlers(ipcMain as unknown as Parameters<typeof registerIpcHandlers>[0], d);
    expect([...registered.keys()].sort()).toEqual([...CHANNELS].sort());
    for (const [channel, fn] of registered) {
      expect(
        await fn({ senderFrame: { url: 'https://example.com/', parent: null } }, {}),
        channel,
      ).toMatchObject({
        ok: false,
        error: { code: 'FORBIDDEN_SENDER' },
      });
    }
    expect(d.calls).toEqual([]);
  });
});
