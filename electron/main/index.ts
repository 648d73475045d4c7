// Composition root for Electron: the only file that wires Electron's singletons into the testable modules
// beside it. Order matters: the scheme, the sandbox and the webContents hardening are set before `ready`.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeTheme,
  powerMonitor,
  protocol,
  session,
} from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { EmitEvent, Handlers } from '../../shared/ipc/contract';
import { createDispatcher } from '../service/dispatch';
import { createCertDeskService, type CertDeskService } from '../service';
import { createElectronDialogs } from './dialogs';
import { registerIpcHandlers } from './ipc/register';
import { buildMenuTemplate } from './menu';
import { lockOnPowerEvents } from './power';
import { registerAppScheme, serveRenderer } from './protocol';
import { hardenAllWebContents, hardenSession } from './security';
import { createMainWindow } from './window';

const log = (message: string): void => console.warn(`[certdesk] ${message.slice(0, 300)}`);
const onRefused = (what: string, url: string): void => log(`refused ${what} ${url}`);

// Test runs and portable setups point userData elsewhere; the vault and window state follow it.
const userDataOverride = process.env.CERTDESK_USER_DATA;
if (userDataOverride) app.setPath('userData', path.resolve(userDataOverride));

registerAppScheme(protocol);
app.enableSandbox();
hardenAllWebContents(app, { onRefused });

let mainWindow: BrowserWindow | null = null;
let service: CertDeskService | null = null;

const send: EmitEvent = (event, payload) => {
  for (const win of BrowserWindow.getAllWindows()) {
    if (!win.isDestroyed()) win.webContents.send(event, payload);
  }
};

function focusMainWindow(): void {
  if (!mainWindow || mainWindow.isDestroyed()) return;
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.show();
  mainWindow.focus();
}

async function main(): Promise<void> {
  await app.whenReady();
  const isPackaged = app.isPackaged;
  const userDataDir = app.getPath('userData');
  hardenSession(session.defaultSession, { allowDevTools: !isPackaged, onRefused });
  serveRenderer(protocol, path.join(__dirname, '../renderer'));

  const svc = createCertDeskService({
    now: () => new Date(),
    defaultVaultPath: path.join(userDataDir, 'vault.certdesk'),
    stateDir: userDataDir,
    appVersion: app.getVersion(),
    platform: process.platform,
    emit: send,
    dialogs: createElectronDialogs(dialog, () => mainWindow),
  });
  service = svc;
  const handlers: Handlers = {
    ...svc.handlers,
    'app:info': async (input) => ({ ...(await svc.handlers['app:info'](input)), nativeDialogs: true }),
  };
  const dispatch = createDispatcher(handlers, {
    onInternalError: (channel, error) =>
      log(`internal error in ${channel}: ${error instanceof Error ? error.message : String(error)}`),
  });
  registerIpcHandlers(ipcMain, {
    dispatch,
    touch: () => svc.touch(),
    onRefused: (channel, url) => onRefused(`IPC ${channel} from`, url),
  });

  const lock = (reason: string): void => {
    svc.lock(reason).catch((e: unknown) => log(`lock failed: ${e instanceof Error ? e.message : String(e)}`));
  };
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      buildMenuTemplate({
        platform: process.platform,
        isPackaged,
        send: (command) => send('menu:command', { command }),
        lock: () => lock('menu'),
      }),
    ),
  );
  lockOnPowerEvents(powerMonitor, lock);

  const devIcon = path.join(app.getAppPath(), 'build', 'icon.png');
  mainWindow = createMainWindow({
    preloadPath: path.join(__dirname, 'preload.cjs'),
    isPackaged,
    userDataDir,
    darkMode: nativeTheme.shouldUseDarkColors,
    ...(!isPackaged && existsSync(devIcon) ? { iconPath: devIcon } : {}),
    onLoadFailed: (e) => log(`renderer failed to load: ${e instanceof Error ? e.message : String(e)}`),
  });
  mainWindow.on('closed', () => {
    mainWindow = null;
  });
}

// One process owns the vault file: a second launch hands over to the first window and exits.
if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', focusMainWindow);
  // Closing the window ends the session on every platform: an idle background process would keep the vault open.
  app.on('window-all-closed', () => app.quit());
  let disposed = false;
  app.on('will-quit', (event) => {
    if (disposed || !service) return;
    event.preventDefault();
    disposed = true;
    service
      .dispose()
      .catch((e: unknown) => log(`dispose failed: ${e instanceof Error ? e.message : String(e)}`))
      .finally(() => app.quit());
  });
  main().catch((e: unknown) => {
    log(`startup failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
    app.exit(1);
  });
}
