import type { MenuItemConstructorOptions } from 'electron';

import type { MenuCommand } from '../../shared/ipc/menu-commands';

export { MENU_COMMANDS, type MenuCommand } from '../../shared/ipc/menu-commands';

export interface MenuDeps {
  platform: NodeJS.Platform;
  /** `app.isPackaged`: the DevTools item exists only in development builds */
  isPackaged: boolean;
  /** delivers `menu:command` to the focused window's renderer */
  send(command: MenuCommand): void;
  /** locks the vault in main directly, so Lock works even when the renderer is busy or hung */
  lock(): void;
}

/**
 * The application menu as data, with accelerators. Only roles and our own commands: no item opens a URL
 * (checklist #15: shell.openExternal is never used).
 */
export function buildMenuTemplate(deps: MenuDeps): MenuItemConstructorOptions[] {
  const isMac = deps.platform === 'darwin';
  const command = (id: MenuCommand) => (): void => deps.send(id);
  const file: MenuItemConstructorOptions = {
    label: '&File',
    submenu: [
      // Ctrl+N is the page's "Issue a certificate" (the frequent command); a new vault is rare.
      {
        id: 'new-vault',
        label: 'New Vault…',
        accelerator: 'CmdOrCtrl+Shift+N',
        click: command('new-vault'),
      },
      { id: 'open-vault', label: 'Open Vault…', accelerator: 'CmdOrCtrl+O', click: command('open-vault') },
      { type: 'separator' },
      { id: 'import', label: 'Import…', accelerator: 'CmdOrCtrl+I', click: command('import') },
      { id: 'export', label: 'Export…', accelerator: 'CmdOrCtrl+E', click: command('export') },
      { type: 'separator' },
      {
        id: 'lock',
        label: 'Lock Vault',
        accelerator: 'CmdOrCtrl+L',
        click: () => {
          deps.lock();
          deps.send('lock');
        },
      },
      ...(isMac
        ? []
        : [
            { type: 'separator' } as const,
            { id: 'quit', role: 'quit', label: 'Quit', accelerator: 'CmdOrCtrl+Q' } as const,
          ]),
    ],
  };
  const edit: MenuItemConstructorOptions = {
    label: '&Edit',
    submenu: [
      { role: 'undo' },
      { role: 'redo' },
      { type: 'separator' },
      { role: 'cut' },
      { role: 'copy' },
      { role: 'paste' },
      { role: 'selectAll' },
    ],
  };
  const view: MenuItemConstructorOptions = {
    label: '&View',
    submenu: [
      { role: 'resetZoom' },
      { role: 'zoomIn' },
      { role: 'zoomOut' },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(deps.isPackaged
        ? []
        : [{ type: 'separator' } as const, { id: 'devtools', role: 'toggleDevTools' } as const]),
    ],
  };
  const help: MenuItemConstructorOptions = {
    role: 'help',
    label: '&Help',
    submenu: [{ id: 'about', label: 'About CertDesk', click: command('about') }],
  };
  const appMenu: MenuItemConstructorOptions = {
    label: 'CertDesk',
    submenu: [
      { id: 'about-mac', label: 'About CertDesk', click: command('about') },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { id: 'quit', role: 'quit', accelerator: 'Cmd+Q' },
    ],
  };
  return isMac ? [appMenu, file, edit, view, help] : [file, edit, view, help];
}
