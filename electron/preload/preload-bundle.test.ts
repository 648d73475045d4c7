// Runs the BUILT preload (dist/electron/preload.cjs, from `npm run build`) in a bare V8 context with a fake
// `electron` module, the way a sandboxed renderer loads it: only `require('electron')` is available.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import vm from 'node:vm';
import { describe, expect, it } from 'vitest';
import { CHANNELS, EVENTS } from '../../shared/ipc/channels';

const BUNDLE = path.resolve(__dirname, '../../dist/electron/preload.cjs');

interface Loaded {
  exposed: Map<string, unknown>;
  invoked: [string, unknown][];
  listeners: Map<string, ((event: unknown, payload: unknown) => void)[]>;
}

function loadPreload(): Loaded {
  if (!existsSync(BUNDLE))
    throw new Error(`${BUNDLE} is missing: run \`npm run build\` before the unit tests`);
  const loaded: Loaded = { exposed: new Map(), invoked: [], listeners: new Map() };
  const electron = {
    contextBridge: { exposeInMainWorld: (key: string, value: unknown) => loaded.exposed.set(key, value) },
    ipcRenderer: {
      invoke: (channel: string, payload: unknown) => {
        loaded.invoked.push([channel, payload]);
        return Promise.resolve({ ok: true, value: channel });
      },
      on: (event: string, fn: (e: unknown, p: unknown) => void) => {
        loaded.listeners.set(event, [...(loaded.listeners.get(event) ?? []), fn]);
      },
      removeListener: (event: string, fn: (e: unknown, p: unknown) => void) => {
        loaded.listeners.set(
          event,
          (loaded.listeners.get(event) ?? []).filter((l) => l !== fn),
        );
      },
    },
  };
  const requireInSandbox = (name: string): unknown => {
    if (name === 'electron') return electron;
    throw new Error(`a sandboxed preload cannot require ${name}`);
  };
  const context = vm.createContext({ require: requireInSandbox, module: { exports: {} }, exports: {} });
  vm.runInContext(readFileSync(BUNDLE, 'utf8'), context, { filename: 'preload.cjs' });
  return loaded;
}

type Api = Record<string, Record<string, (input?: unknown) => Promise<unknown>>> & {
  on(event: string, listener: (payload: unknown) => void): () => void;
};

describe('built preload', () => {
  it('loads with nothing but electron and exposes exactly one key, certdesk', () => {
    const { exposed } = loadPreload();
    expect([...exposed.keys()]).toEqual(['certdesk']);
  });

  it('exposes one function per contract channel, grouped by namespace, and frozen', () => {
    const api = loadPreload().exposed.get('certdesk') as Api;
    for (const channel of CHANNELS) {
      const [ns = '', verb = ''] = channel.split(':');
      expect(typeof api[ns]?.[verb], channel).toBe('function');
    }
    expect(Object.isFrozen(api)).toBe(true);
    expect(Object.isFrozen(api.vault)).toBe(true);
    const namespaces = Object.keys(api).filter((k) => k !== 'on');
    expect(namespaces.sort()).toEqual([...new Set(CHANNELS.map((c) => c.split(':')[0]))].sort());
  });

  it('invokes the matching channel with the input (an empty object when none is given)', async () => {
    const loaded = loadPreload();
    const api = loaded.exposed.get('certdesk') as Api;
    await api.vault!.unlock!({ passphrase: 'x' });
    await api.app!.info!();
    expect(loaded.invoked).toEqual([
      ['vault:unlock', { passphrase: 'x' }],
      ['app:info', {}],
    ]);
  });

  it('subscribes only to known events, hands listeners the payload but never the IPC event, and unsubscribes', () => {
    const loaded = loadPreload();
    const api = loaded.exposed.get('certdesk') as Api;
    expect(() => api.on('some:internal', () => undefined)).toThrow(/Unknown event/);
    const received: unknown[][] = [];
    const off = api.on('vault:locked', (...args) => received.push(args));
    const fire = (payload: unknown): void => {
      for (const l of loaded.listeners.get('vault:locked') ?? []) l({ sender: 'ipcRenderer!' }, payload);
    };
    fire({ reason: 'idle' });
    off();
    fire({ reason: 'again' });
    expect(received).toEqual([[{ reason: 'idle' }]]);
    expect(EVENTS).toContain('menu:command');
  });
});
