// Loads the BUILT main process (dist/electron/main.cjs, from `npm run build`) against a fake `electron`
// module, to check the composition root's wiring and its order without the Electron binary: what happens
// before `ready`, what after, and that the registered IPC and protocol handlers behave.
import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../shared/ipc/channels';

const BUNDLE = path.resolve(__dirname, '../../dist/electron/main.cjs');

type Handler = (...args: unknown[]) => unknown;

function fakeElectron(options: { singleInstance: boolean; userData: string }) {
  const log: string[] = [];
  let markReady: () => void = () => undefined;
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  let isReady = false;
  const app = Object.assign(new EventEmitter(), {
    isPackaged: false,
    setPath: (name: string, value: string) => log.push(`setPath ${name} ${value}`),
    getPath: () => options.userData,
    getAppPath: () => path.resolve(__dirname, '../..'),
    getVersion: () => '0.1.0',
    enableSandbox: () => log.push(`enableSandbox ready=${isReady}`),
    requestSingleInstanceLock: () => options.singleInstance,
    whenReady: () => ready,
    quit: () => log.push('quit'),
    exit: (code: number) => log.push(`exit ${code}`),
  });
  const protocolHandlers = new Map<string, Handler>();
  const schemes: unknown[] = [];
  const protocol = {
    registerSchemesAsPrivileged: (s: unknown[]) => {
      schemes.push(...s);
      log.push(`registerSchemes ready=${isReady}`);
    },
    handle: (scheme: string, fn: Handler) => protocolHandlers.set(scheme, fn),
  };
  const sessionHandlers = new Map<string, Handler>();
  const record = (name: string) => (fn: Handler) => sessionHandlers.set(name, fn);
  const session = {
    defaultSession: {
      setPermissionRequestHandler: record('request'),
      setPermissionCheckHandler: record('check'),
      setDevicePermissionHandler: record('device'),
      setDisplayMediaRequestHandler: record('displayMedia'),
      setBluetoothPairingHandler: record('bluetooth'),
      webRequest: { onBeforeRequest: record('beforeRequest') },
    },
  };
  const ipc = new Map<string, Handler>();
  const windows: FakeWindow[] = [];
  class FakeWindow extends EventEmitter {
    static getAllWindows = (): FakeWindow[] => windows;
    loadedUrl = '';
    sent: unknown[][] = [];
    webContents = { send: (...args: unknown[]) => this.sent.push(args) };
    constructor(readonly options: Record<string, unknown>) {
      super();
      windows.push(this);
    }
    loadURL(url: string): Promise<void> {
      this.loadedUrl = url;
      return Promise.resolve();
    }
    isDestroyed = (): boolean => false;
    maximize = (): void => undefined;
    show = (): void => undefined;
  }
  let menu: unknown = null;
  const powerMonitor = new EventEmitter();
  const electron = {
    app,
    protocol,
    session,
    ipcMain: { handle: (channel: string, fn: Handler) => ipc.set(channel, fn) },
    BrowserWindow: FakeWindow,
    screen: { getAllDisplays: () => [{ workArea: { x: 0, y: 0, width: 1920, height: 1080 } }] },
    Menu: { buildFromTemplate: (t: unknown) => t, setApplicationMenu: (m: unknown) => (menu = m) },
    nativeTheme: { shouldUseDarkColors: false },
    powerMonitor,
    dialog: {
      showOpenDialog: () => Promise.resolve({ canceled: true, filePaths: [] }),
      showSaveDialog: () => Promise.resolve({ canceled: true }),
      showMessageBox: () => Promise.resolve({ response: 0, checkboxChecked: false }),
    },
  };
  return {
    electron,
    log,
    schemes,
    protocolHandlers,
    sessionHandlers,
    ipc,
    windows,
    powerMonitor,
    menu: () => menu,
    becomeReady: () => {
      isReady = true;
      markReady();
    },
  };
}

function loadMain(fake: ReturnType<typeof fakeElectron>): void {
  if (!existsSync(BUNDLE))
    throw new Error(`${BUNDLE} is missing: run \`npm run build\` before the unit tests`);
  const realRequire = createRequire(BUNDLE);
  const requireShim = (name: string): unknown => (name === 'electron' ? fake.electron : realRequire(name));
  const module = { exports: {} };
  // eslint-disable-next-line @typescript-eslint/no-implied-eval -- running our own built bundle as CommonJS
  const run = new Function(
    'exports',
    'require',
    'module',
    '__filename',
    '__dirname',
    readFileSync(BUNDLE, 'utf8'),
  ) as (...args: unknown[]) => void;
  run(module.exports, requireShim, module, BUNDLE, path.dirname(BUNDLE));
}

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setImmediate(resolve));
}

const appFrame = { senderFrame: { url: 'app://certdesk/index.html', parent: null } };

describe('built main process against a fake electron', () => {
  let userData = '';
  let fake: ReturnType<typeof fakeElectron> | null = null;
  afterEach(async () => {
    if (fake) {
      const quitEvent = { preventDefault: () => fake?.log.push('will-quit prevented') };
      fake.electron.app.emit('will-quit', quitEvent);
      await until(() => fake!.log.filter((l) => l === 'quit').length > 0);
    }
    fake = null;
    delete process.env.CERTDESK_USER_DATA;
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('registers the scheme, the sandbox and the userData override before ready, then wires everything', async () => {
    userData = mkdtempSync(path.join(tmpdir(), 'certdesk-main-'));
    process.env.CERTDESK_USER_DATA = userData;
    fake = fakeElectron({ singleInstance: true, userData });
    loadMain(fake);
    expect(fake.log).toEqual([
      `setPath userData ${userData}`,
      'registerSchemes ready=false',
      'enableSandbox ready=false',
    ]);
    expect(fake.schemes).toEqual([expect.objectContaining({ scheme: 'app' })]);
    expect(fake.electron.app.listenerCount('web-contents-created')).toBe(1);
    expect(fake.windows).toHaveLength(0);

    fake.becomeReady();
    await until(() => fake!.windows.length === 1);
    const win = fake.windows[0]!;
    expect(win.loadedUrl).toBe('app://certdesk/index.html');
    const prefs = win.options.webPreferences as Record<string, unknown>;
    expect(prefs).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      devTools: true,
    });
    expect(existsSync(prefs.preload as string)).toBe(true);
    expect([...fake.sessionHandlers.keys()].sort()).toEqual(
      ['beforeRequest', 'bluetooth', 'check', 'device', 'displayMedia', 'request'].sort(),
    );
    expect([...fake.protocolHandlers.keys()]).toEqual(['app']);
    expect([...fake.ipc.keys()].sort()).toEqual([...CHANNELS].sort());
    expect(fake.menu()).not.toBeNull();
    expect(fake.powerMonitor.listenerCount('lock-screen')).toBe(1);
    expect(fake.powerMonitor.listenerCount('suspend')).toBe(1);
  });

  it('serves IPC from the app frame only, with the vault defaulting to <userData>/vault.certdesk', async () => {
    userData = mkdtempSync(path.join(tmpdir(), 'certdesk-main-'));
    fake = fakeElectron({ singleInstance: true, userData });
    loadMain(fake);
    fake.becomeReady();
    await until(() => fake!.ipc.size > 0);
    const info = fake.ipc.get('app:info')!;
    expect(await info(appFrame, {})).toMatchObject({
      ok: true,
      value: { name: 'CertDesk', nativeDialogs: true },
    });
    expect(await info({ senderFrame: { url: 'https://example.com/', parent: null } }, {})).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_SENDER' },
    });
    expect(await fake.ipc.get('dialog:openFile')!(appFrame, { purpose: 'read-file' })).toEqual({
      ok: true,
      value: { grant: null, path: null },
    });
    const created = (await fake.ipc.get('vault:create')!(appFrame, {
      passphrase: 'correct horse battery staple 42',
    })) as { ok: boolean; value: { path: string } };
    expect(created).toMatchObject({ ok: true, value: { state: 'unlocked' } });
    expect(created.value.path).toBe(path.join(userData, 'vault.certdesk'));
    expect(existsSync(path.join(userData, 'vault.certdesk'))).toBe(true);
  });

  it('serves the built renderer on app:// with the CSP header', async () => {
    userData = mkdtempSync(path.join(tmpdir(), 'certdesk-main-'));
    fake = fakeElectron({ singleInstance: true, userData });
    loadMain(fake);
    fake.becomeReady();
    await until(() => fake!.protocolHandlers.size > 0);
    const res = (await fake.protocolHandlers.get('app')!(
      new Request('app://certdesk/index.html'),
    )) as Response;
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    expect(await res.text()).toContain('<div id="root">');
  });

  it('quits at once, without a window or a service, when another instance holds the lock', async () => {
    userData = mkdtempSync(path.join(tmpdir(), 'certdesk-main-'));
    const second = fakeElectron({ singleInstance: false, userData });
    loadMain(second);
    second.becomeReady();
    await new Promise((resolve) => setImmediate(resolve));
    expect(second.log).toContain('quit');
    expect(second.windows).toHaveLength(0);
    expect(second.ipc.size).toBe(0);
  });
});
