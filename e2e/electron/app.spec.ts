import { expect, test } from '@playwright/test';
import { spawn } from 'node:child_process';
import type { CertDeskApi } from '../../shared/ipc/contract';
import { electronBinary } from './electron-binary';
import { electronArgs, launchElectron, REPO_ROOT, type LaunchedElectron } from './launch';

const binary = electronBinary();
type Bridge = { certdesk: CertDeskApi };

test.describe('real Electron: shell and security', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  let launched: LaunchedElectron;
  test.beforeEach(async () => {
    if (!('path' in binary)) return;
    launched = await launchElectron(binary.path);
  });
  test.afterEach(async () => {
    await launched?.close();
  });

  test('starts on app://certdesk and answers app:info through window.certdesk with native dialogs', async () => {
    const { page } = launched;
    await expect(page.getByRole('heading', { name: 'CertDesk', level: 1 })).toBeVisible();
    expect(page.url()).toBe('app://certdesk/index.html');
    const info = await page.evaluate(() => (window as unknown as Bridge).certdesk.app.info({}));
    expect(info).toMatchObject({ ok: true, value: { name: 'CertDesk', nativeDialogs: true } });
  });

  test('the page is sandboxed: no process, require, module or ipcRenderer, and the bridge is frozen', async () => {
    const { page } = launched;
    const globals = await page.evaluate(() => {
      const g = globalThis as Record<string, unknown>;
      return {
        process: typeof g.process,
        require: typeof g.require,
        module: typeof g.module,
        ipcRenderer: typeof g.ipcRenderer,
        electron: typeof g.electron,
        frozen: Object.isFrozen(g.certdesk) && Object.isFrozen((g.certdesk as Record<string, unknown>).vault),
      };
    });
    expect(globals).toEqual({
      process: 'undefined',
      require: 'undefined',
      module: 'undefined',
      ipcRenderer: 'undefined',
      electron: 'undefined',
      frozen: true,
    });
  });

  test('navigation to a remote URL and window.open are refused and the app stays on its origin', async () => {
    const { page } = launched;
    const opened = await page.evaluate(() => window.open('https://example.com/') === null);
    expect(opened).toBe(true);
    await page.evaluate(() => {
      window.location.href = 'https://example.com/phish';
    });
    await page.evaluate(() => {
      window.location.href = 'file:///etc/passwd';
    });
    await expect(page.getByRole('heading', { name: 'CertDesk', level: 1 })).toBeVisible();
    expect(page.url()).toBe('app://certdesk/index.html');
    expect(await launched.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });

  test('permissions are denied and remote requests never load', async () => {
    const { page } = launched;
    const outcome = await page.evaluate(async () => ({
      notifications: await Notification.requestPermission(),
      geolocation: (await navigator.permissions.query({ name: 'geolocation' })).state,
      remote: await fetch('https://example.com/').then(
        () => 'loaded',
        () => 'refused',
      ),
    }));
    expect(outcome).toEqual({ notifications: 'denied', geolocation: 'denied', remote: 'refused' });
  });

  test('app:// responses carry the CSP header, and traversal outside the renderer is refused', async () => {
    const { page } = launched;
    const result = await page.evaluate(async () => {
      const index = await fetch('app://certdesk/index.html');
      const traversal = await fetch('app://certdesk/..%2f..%2fpackage.json');
      return { csp: index.headers.get('content-security-policy'), traversal: traversal.status };
    });
    expect(result.csp).toContain("default-src 'none'");
    expect(result.csp).toContain("frame-ancestors 'none'");
    expect(result.traversal).toBe(403);
  });

  test('IPC from the app frame with a malformed payload comes back as INVALID_INPUT, not a crash', async () => {
    const { page } = launched;
    const result = await page.evaluate(() =>
      (window as unknown as Bridge).certdesk.vault.unlock({ passphrase: 42 } as unknown as {
        passphrase: string;
      }),
    );
    expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
  });

  test('the application menu has File, Edit, View and Help, with Lock sending menu:command', async () => {
    const { app, page } = launched;
    const labels = await app.evaluate(
      ({ Menu }) => Menu.getApplicationMenu()?.items.map((i) => i.label.replace('&', '')) ?? [],
    );
    expect(labels).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Help']));
    await page.evaluate(() => {
      const w = window as unknown as Bridge & { __menu: unknown[] };
      w.__menu = [];
      w.certdesk.on('menu:command', (payload) => w.__menu.push(payload));
    });
    await app.evaluate(({ Menu }) => {
      const item = Menu.getApplicationMenu()?.getMenuItemById('lock');
      item?.click();
    });
    await expect
      .poll(() => page.evaluate(() => (window as unknown as { __menu: unknown[] }).__menu))
      .toEqual([{ command: 'lock' }]);
  });

  test('a second launch with the same userData hands over to the first instance and exits', async () => {
    if (!('path' in binary)) return;
    const second = spawn(binary.path, electronArgs(), {
      cwd: REPO_ROOT,
      env: { ...process.env, CERTDESK_USER_DATA: launched.userData },
      stdio: 'ignore',
    });
    const code = await new Promise<number | null>((resolve) => second.on('exit', resolve));
    expect(code).toBe(0);
    expect(await launched.app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  });
});
