import { expect, test, type Page } from '@playwright/test';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { launchApp, type LaunchedApp } from './harness';
import { CaScreen } from './pages/ca';
import { createVaultThroughUi, goTo, shootBoth } from './pages/issuance-app';

const FIXTURES = fileURLToPath(new URL('../electron/core/import/fixtures/', import.meta.url));
const XCA_DB = path.join(FIXTURES, 'xca/pki.xdb');
const XCA_PASSWORD = readFileSync(path.join(FIXTURES, 'xca/password.txt'), 'utf8').split('\n')[0]!;

let app: LaunchedApp;
let page: Page;

test.beforeEach(async () => {
  app = await launchApp({ dialogs: { chooseFile: (purpose) => (purpose === 'read-file' ? XCA_DB : null) } });
  page = app.page;
  await createVaultThroughUi(page);
});
test.afterEach(async () => {
  await app.close();
});

test('an XCA database: a wrong password is refused in place, the preview lists what comes across, the import brings it', async () => {
  const ca = new CaScreen(page);
  await ca.open();
  await page.getByRole('button', { name: 'Import from XCA…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import from XCA' });
  const password = dialog.getByLabel('Database password');
  await expect(password).toBeFocused();
  await password.fill('not the password');
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByRole('alert')).toContainText('the database password is wrong');

  await password.fill(XCA_PASSWORD);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  const counts = dialog.getByRole('region', { name: 'Would import' });
  await expect(counts.getByRole('definition')).toHaveText(['2', '5', '5', '2', '2', '0', '0']);
  const items = dialog.getByRole('table', { name: 'Certificates in the source' });
  const dsa = items.getByRole('row').filter({ hasText: 'CN=dsa-device' });
  await expect(dsa).toContainText('dsa key cannot sign in CertDesk');
  await expect(dsa.getByRole('cell', { name: 'Track (expiry only)' })).toBeVisible();
  await expect(items.getByRole('row').filter({ hasText: 'CN=xca-client' })).toContainText('keyCompromise');
  await shootBoth(page, 'import-xca-preview');

  await dialog.getByRole('button', { name: 'Import 7 certificates' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 2 CAs, 5 certificates, 5 keys, 2 revoked' }),
  ).toBeVisible();
  await expect(ca.row('XCA Root')).toBeVisible();
  await expect(ca.row('XCA Issuing')).toBeVisible();
  await shootBoth(page, 'import-xca-done');

  await goTo(page, 'Certificates');
  await expect(page.getByRole('button', { name: 'xca-client', exact: true })).toBeVisible();

  // Importing the same database again adds nothing.
  await ca.open();
  await page.getByRole('button', { name: 'Import from XCA…' }).click();
  await dialog.getByLabel('Database password').fill(XCA_PASSWORD);
  await dialog.getByRole('button', { name: 'Preview' }).click();
  await expect(dialog.getByRole('region', { name: 'Would import' }).getByRole('definition')).toHaveText([
    '0',
    '0',
    '0',
    '0',
    '0',
    '7',
    '0',
  ]);
  await expect(dialog.getByRole('button', { name: 'Import 0 certificates' })).toBeDisabled();
});
