// Composition root for Electron: wires the real service to IPC and opens the window. Kept thin on purpose.
import { app, BrowserWindow, ipcMain } from 'electron';
import path from 'node:path';
import { CHANNELS } from '../../shared/ipc/channels';
import { createDispatcher } from '../service/dispatch';
import { createCertDeskService } from '../service';
import { AppError } from '../../shared/ipc/error-codes';
import type { Handlers } from '../../shared/ipc/contract';

const APP_ORIGIN = 'app://certdesk';

async function main(): Promise<void> {
  await app.whenReady();
  const vaultPath = path.join(app.getPath('userData'), 'vault.certdesk');
  const service = createCertDeskService({
    now: () => new Date(),
    defaultVaultPath: vaultPath,
    appVersion: app.getVersion(),
    platform: process.platform,
    emit: (event, payload) => {
      for (const win of BrowserWindow.getAllWindows()) win.webContents.send(event, payload);
    },
  });
  const handlers: Handlers = {
    ...service.handlers,
    'app:info': async (input) => ({ ...(await service.handlers['app:info'](input)), nativeDialogs: true }),
    'dialog:openFile': () => Promise.reject(new AppError('NOT_SUPPORTED', 'not wired yet')),
    'dialog:chooseFolder': () => Promise.reject(new AppError('NOT_SUPPORTED', 'not wired yet')),
  };
  const dispatch = createDispatcher(handlers);
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!event.senderFrame?.url.startsWith(`${APP_ORIGIN}/`)) {
        return { ok: false, error: { code: 'FORBIDDEN_SENDER', message: 'IPC from an unexpected frame' } };
      }
      service.touch();
      return dispatch(channel, payload);
    });
  }
  const win = new BrowserWindow({
    width: 1280,
    height: 840,
    title: 'CertDesk',
    webPreferences: {
      preload: path.join(__dirname, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  await win.loadFile(path.join(__dirname, '../renderer/index.html'));
}

void main();
