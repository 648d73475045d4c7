import { expect, test, type Locator, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selfSignedP256Args } from '../electron/core/pki/testing/openssl';
import { launchApp, type LaunchedApp } from './harness';
import { AppPage } from './pages/app-page';
import { createRootCa, issueLeaf } from './pages/bridge-setup';
import { InspectorPage, InventoryPage } from './pages/inventory-page';

const PASS = 'correct horse battery staple';

let app: LaunchedApp;
let page: Page;
let ui: AppPage;
let dir: string;
/** when the page had read its clock (app:info) at the latest */
let pageReadyAt: number;
const chosen: string[] = [];

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'certdesk-fresh-e2e-'));
  app = await launchApp({ dialogs: { chooseFile: () => chosen.shift() ?? null } });
  page = app.page;
  ui = new AppPage(page);
  await ui.ready().waitFor();
  pageReadyAt = Date.now();
  await ui.createVault(PASS);
  await ui.expectUnlocked();
});
test.afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The Status and Days left cells of a row (the first and the last column). */
function statusAndDays(row: Locator): [Locator, Locator] {
  return [row.getByRole('cell').first(), row.getByRole('cell').last()];
}

test('a certificate signed moments ago reads Valid with its whole term as soon as it is tracked, not at the next minute', async () => {
  // The premise: openssl signs it in a later second than the page last read its clock, so its notBefore
  // (the second it was signed) is after that reading.
  await expect.poll(() => Date.now() - pageReadyAt).toBeGreaterThan(1_000);
  execFileSync(
    'openssl',
    selfSignedP256Args({ cn: 'fresh.vendor.example', key: 'fresh.key', cert: 'fresh.pem', days: 200 }),
    { cwd: dir, stdio: 'ignore' },
  );
  const inv = new InventoryPage(page);
  await ui.go('Certificates');
  await inv.trackButton().click();
  const dialog = inv.trackDialog();
  chosen.push(path.join(dir, 'fresh.pem'));
  await dialog.getByRole('button', { name: 'Choose file…', exact: true }).click();
  await expect(dialog.getByRole('list', { name: 'Tracking results' })).toContainText(
    'Tracked fresh.vendor.example',
  );
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  const [status, days] = statusAndDays(inv.row('fresh.vendor.example'));
  await expect(status).toHaveText('Valid');
  await expect(days).toHaveText('200');

  await inv.row('fresh.vendor.example').getByRole('button', { name: 'fresh.vendor.example' }).click();
  const insp = new InspectorPage(page);
  await expect(insp.heading('fresh.vendor.example')).toBeVisible();
  await expect(page.getByRole('main')).toContainText('(in 200 days)');
  await expect(page.getByRole('main')).not.toContainText('Not yet valid');
});

test('a certificate CertDesk issues for 200 days reads 200 days left, not 199, on the clock read when it arrives', async () => {
  const ca = await createRootCa(page, 'Fresh Root CA');
  await issueLeaf(page, { caId: ca.id, cn: 'fresh-api', days: 200 });
  const inv = new InventoryPage(page);
  await ui.go('Certificates');
  const [status, days] = statusAndDays(inv.row('fresh-api'));
  await expect(status).toHaveText('Valid');
  await expect(days).toHaveText('200');
});
