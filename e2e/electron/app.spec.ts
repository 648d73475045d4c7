import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { electronBinary } from './electron-binary';

const binary = electronBinary();

test.describe('real Electron', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  test('the packaged shell starts sandboxed and answers app:info through window.certdesk', async () => {
    if (!('path' in binary)) return;
    const userData = mkdtempSync(path.join(tmpdir(), 'certdesk-electron-'));
    const app = await electron.launch({
      executablePath: binary.path,
      args: ['.', `--user-data-dir=${userData}`],
      env: { ...process.env, CERTDESK_E2E: '1' },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByRole('heading', { name: 'CertDesk', level: 1 })).toBeVisible();
      expect(await page.evaluate(() => typeof (globalThis as { process?: unknown }).process)).toBe(
        'undefined',
      );
      expect(await page.evaluate(() => typeof (globalThis as { require?: unknown }).require)).toBe(
        'undefined',
      );
      const info = await page.evaluate(() =>
        (
          window as unknown as { certdesk?: { app: { info(i: object): Promise<unknown> } } }
        ).certdesk?.app.info({}),
      );
      expect(info).toMatchObject({ ok: true, value: { name: 'CertDesk' } });
    } finally {
      await app.close();
    }
  });
});
