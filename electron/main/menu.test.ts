import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, MENU_COMMANDS, type MenuCommand } from './menu';

function flatten(items: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return items.flatMap((item) => [item, ...(Array.isArray(item.submenu) ? flatten(item.submenu) : [])]);
}

function build(platform: NodeJS.Platform, isPackaged = true) {
  const sent: MenuCommand[] = [];
  let locks = 0;
  const template = buildMenuTemplate({
    platform,
    isPackaged,
    send: (c) => sent.push(c),
    lock: () => (locks += 1),
  });
  const items = flatten(template);
  const byId = (id: string): MenuItemConstructorOptions => {
    const item = items.find((i) => i.id === id);
    if (!item) throw new Error(`no menu item ${id}`);
    return item;
  };
  const click = (id: string): void => (byId(id).click as unknown as () => void)();
  return { template, items, byId, click, sent, locks: () => locks };
}

describe('application menu', () => {
  it('has File, Edit, View and Help (and the app menu first on macOS)', () => {
    expect(build('linux').template.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Help']);
    expect(build('darwin').template.map((m) => m.label)).toEqual([
      'CertDesk',
      '&File',
      '&Edit',
      '&View',
      '&Help',
    ]);
  });

  it('gives the File commands their accelerators', () => {
    const { byId } = build('linux');
    // not Ctrl+N: the page's shortcut for issuing a certificate (use-shortcuts.ts)
    expect(byId('new-vault').accelerator).toBe('CmdOrCtrl+Shift+N');
    expect(byId('open-vault').accelerator).toBe('CmdOrCtrl+O');
    expect(byId('import').accelerator).toBe('CmdOrCtrl+I');
    expect(byId('export').accelerator).toBe('CmdOrCtrl+E');
    expect(byId('lock').accelerator).toBe('CmdOrCtrl+L');
    expect(byId('quit')).toMatchObject({ role: 'quit', accelerator: 'CmdOrCtrl+Q' });
  });

  it('uses no accelerator twice', () => {
    for (const platform of ['linux', 'darwin', 'win32'] as const) {
      const accelerators = build(platform)
        .items.map((i) => i.accelerator)
        .filter(Boolean);
      expect(new Set(accelerators).size, platform).toBe(accelerators.length);
    }
  });

  it('sends each command id to the renderer when its item is clicked', () => {
    const menu = build('linux');
    for (const id of ['new-vault', 'open-vault', 'import', 'export', 'about']) menu.click(id);
    expect(menu.sent).toEqual(['new-vault', 'open-vault', 'import', 'export', 'about']);
    expect(menu.sent.every((c) => (MENU_COMMANDS as readonly string[]).includes(c))).toBe(true);
  });

  it('locks the vault in main and tells the renderer when Lock is clicked', () => {
    const menu = build('linux');
    menu.click('lock');
    expect(menu.locks()).toBe(1);
    expect(menu.sent).toEqual(['lock']);
  });

  it('offers DevTools only in development builds', () => {
    expect(build('linux', true).items.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(build('linux', false).items.some((i) => i.role === 'toggleDevTools')).toBe(true);
  });

  it('has no item that opens a URL or reloads the app', () => {
    for (const item of build('linux', false).items) {
      expect(['reload', 'forceReload'], String(item.label ?? item.role)).not.toContain(item.role);
    }
  });
});
