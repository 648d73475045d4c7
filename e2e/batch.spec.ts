import { expect, test, type Page } from '@playwright/test';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchApp, type LaunchedApp } from './harness';
import { AppPage } from './pages/app-page';
import { BatchScreen } from './pages/batch-page';
import { createRootCa } from './pages/bridge-setup';
import { createVaultThroughUi } from './pages/issuance-app';
import { expectColonHex } from './pages/hex';
import { wordsCutByLineBreaks } from './pages/line-breaks';
import { saveScreenshot } from './screenshots';

let app: LaunchedApp;
let page: Page;
let scratch: string;
/** what main's open dialog answers next (null: Cancel) */
let chosenFile: string | null = null;

test.beforeEach(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'certdesk-batch-'));
  chosenFile = null;
  app = await launchApp({ dialogs: { chooseFile: () => chosenFile } });
  page = app.page;
  await createVaultThroughUi(page);
});
test.afterEach(async () => {
  await app.close();
  rmSync(scratch, { recursive: true, force: true });
});

/**
 * The light shot keeps its old name; the dark one is `<name>-dark`. The test goes on in light. None of these
 * shots is about a notification, so they are dismissed first rather than left over the table or dialog.
 */
async function shootLightAndDark(name: string): Promise<void> {
  await saveScreenshot(page, name, { dismissToasts: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, `${name}-dark`, { dismissToasts: true });
  await page.emulateMedia({ colorScheme: 'light' });
}

const MANIFEST = [
  'name,profile,sans,key,days',
  'user-service,server,"DNS:user-service,DNS:localhost,IP:127.0.0.1",ec-p256,397',
  'billing-service,client,,ec-p256,90',
  'broken-server,server,,ec-p256,90',
  'inventory-service,service,"DNS:inventory-service,URI:spiffe://example.org/inventory",ec-p256,',
  'too-long,client,,ec-p256,36500',
].join('\n');

test("a manifest file chosen in main's open dialog is previewed row by row, the valid rows are issued with progress, and every outcome is listed", async () => {
  await createRootCa(page, 'batch-ca');
  await new AppPage(page).go('Batch');
  const batch = new BatchScreen(page);
  await expect(batch.heading()).toBeVisible();

  chosenFile = path.join(scratch, 'hosts.csv');
  writeFileSync(chosenFile, MANIFEST);
  await batch.chooseFile().click();
  await expect(batch.file()).toHaveValue(chosenFile);
  await expect(batch.manifest()).toHaveValue(MANIFEST);
  await expect(batch.preview()).toBeVisible();
  await expect(batch.previewSummary()).toHaveText(/4 ready · 1 with problems/);
  await expect(batch.rowProblems(3)).toContainText('needs at least one SAN');
  await expect(batch.ca()).toHaveValue(/.+/);
  await shootLightAndDark('batch-preview');

  await batch.issueButton().click();
  await expect(batch.result()).toBeVisible({ timeout: 60_000 });
  await expect(batch.outcome()).toContainText('Issued 3 of 5 certificates · 2 failed');
  const rows = batch.result().getByRole('row');
  await expect(rows.filter({ hasText: 'user-service' })).toContainText('Issued');
  // The serial column: upper-case colon-grouped bytes that wrap only between bytes, as elsewhere.
  await expectColonHex(rows.filter({ hasText: 'user-service' }).getByRole('cell').nth(3));
  await expect(rows.filter({ hasText: 'broken-server' })).toContainText('Invalid row');
  await expect(rows.filter({ hasText: 'too-long' })).toContainText('VALIDITY_EXCEEDS_ISSUER');
  // main's reason quotes both notAfter instants: they show in the app's date format (ISO on hover), not raw
  const reason = batch.result().getByRole('cell', { name: /^VALIDITY_EXCEEDS_ISSUER/ });
  await expect(reason).toHaveText(
    /requested notAfter \d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+ is after the issuing CA's notAfter \d{4}-\d{2}-\d{2} \d{2}:\d{2} \S+;/,
  );
  await expect(reason).not.toContainText(/\d{2}:\d{2}:\d{2}\.\d{3}Z/);
  await expect(reason.locator('time').first()).toHaveAttribute('title', /^\d{4}-\d{2}-\d{2}T[\d:.]+Z$/);
  await shootLightAndDark('batch-result');

  await batch.exportAll().click();
  const dialog = page.getByRole('dialog', {
    name: 'Export user-service, billing-service, inventory-service',
  });
  await expect(dialog).toBeVisible();
  // The title is wider than the dialog: it wraps between the names, never at a name's hyphen.
  const title = dialog.getByRole('heading', { level: 2 });
  expect((await title.boundingBox())!.height).toBeGreaterThan(30);
  expect(await wordsCutByLineBreaks(title, /\S+/)).toEqual([]);
  await shootLightAndDark('batch-export-dialog');
});

test('a large batch shows determinate progress and can be cancelled', async () => {
  await createRootCa(page, 'bulk-ca');
  await new AppPage(page).go('Batch');
  const batch = new BatchScreen(page);
  // The most rows a manifest may have: issuing them all takes long enough to shoot the running state and cancel.
  const TOTAL = 10_000;
  const rows = Array.from({ length: TOTAL }, (_, i) => ({
    name: `host-${i}`,
    profile: 'server',
    sans: [`DNS:host-${i}.example`],
    key: 'ec-p256',
    days: 30,
  }));
  await batch.manifest().fill(JSON.stringify(rows));
  await expect(batch.previewSummary()).toHaveText(
    `${TOTAL} ready · 0 with problems (they are skipped and reported)`,
  );
  await batch.issueButton().click();
  await expect(batch.progress()).toBeVisible();
  await expect(batch.progress()).toHaveAttribute('aria-valuemax', String(TOTAL));
  await expect
    .poll(async () => Number(await batch.progress().getAttribute('aria-valuenow')), { timeout: 60_000 })
    .toBeGreaterThan(0);
  // The progress shots are taken while the batch runs: some rows done, the bar and Cancel still there before
  // and after them (the outcome only appears once the batch has stopped).
  await expect(page.getByText(new RegExp(`^\\d+ of ${TOTAL} certificates processed$`))).toBeVisible();
  await shootLightAndDark('batch-progress');
  await expect(batch.cancelButton()).toBeVisible();
  await expect(batch.outcome()).toBeHidden();
  expect(Number(await batch.progress().getAttribute('aria-valuenow'))).toBeLessThan(TOTAL);
  await batch.cancelButton().click();
  await expect(batch.outcome()).toContainText('cancelled', { timeout: 60_000 });
  await expect(page.getByText(/more issued or cancelled rows are not listed/)).toBeVisible();
  await shootLightAndDark('batch-cancelled');
  const text = (await batch.outcome().textContent()) ?? '';
  const issued = Number(new RegExp(`Issued (\\d+) of ${TOTAL}`).exec(text)?.[1] ?? NaN);
  expect(issued).toBeGreaterThan(0);
  expect(issued).toBeLessThan(TOTAL);
});
