import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchApp, type LaunchedApp } from './harness';
import { CaScreen } from './pages/ca';
import { seriousViolations } from './pages/axe';
import { createRootCa, createSubCa, revokeCert } from './pages/bridge-setup';
import { createVaultThroughUi, shootBoth } from './pages/issuance-app';
import { saveScreenshot } from './screenshots';

let app: LaunchedApp;
let page: Page;
let dir: string;
const folders: string[] = [];

test.beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'certdesk-dist-e2e-'));
  folders.length = 0;
  app = await launchApp({
    dialogs: {
      chooseFolder: () => {
        const f = mkdtempSync(path.join(dir, 'folder-'));
        folders.push(f);
        return f;
      },
      chooseFile: () => path.join(dir, 'root.crl.der'),
    },
  });
  page = app.page;
  await createVaultThroughUi(page);
});
test.afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (cmd: string, args: string[], cwd: string): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

test('exports the trust bundle with CRLs, one CA certificate, and saves the CRL as DER', async () => {
  const ca = new CaScreen(page);
  await ca.open();
  await ca.createRoot('dist-root');
  await ca.crlPanel.getByRole('button', { name: 'Generate CRL' }).click();
  await expect(ca.crlPanel.getByText('CRL number')).toBeVisible();
  // The result names the next update in the one date format (exact instant on hover), not as raw ISO.
  const toast = page.getByRole('region', { name: 'Notifications' }).getByRole('status');
  await expect(toast).toContainText('CRL number 1 generated; next update');
  await expect(toast).not.toContainText(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(page, `ca-crl-generated-${scheme}`);
    expect(await seriousViolations(page, scheme)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });

  await page.getByRole('button', { name: 'Export trust bundle…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export trust bundle' });
  await expect(dialog.getByRole('checkbox', { name: 'dist-root' })).toBeChecked();
  await dialog.getByRole('checkbox', { name: 'Include CRLs (PEM and DER)' }).check();
  await shootBoth(page, 'ca-trust-bundle-dialog');
  await dialog.getByRole('button', { name: 'Choose folder and export…', exact: true }).click();
  const done = page.getByRole('dialog', { name: 'Export finished' });
  await expect(done.getByRole('status')).toContainText('checksums verified');
  await expect(done.getByRole('list', { name: 'Files written' })).toContainText('dist-root.crl.der');
  await shootBoth(page, 'ca-trust-bundle-result');
  await done.getByRole('button', { name: 'Done' }).click();
  const bundle = path.join(folders[0] ?? '', 'certdesk-trust-bundle');
  expect(run('sha256sum', ['-c', 'SHA256SUMS'], bundle)).not.toMatch(/FAILED/);
  run(
    'openssl',
    ['crl', '-inform', 'DER', '-in', 'dist-root.crl.der', '-CAfile', 'ca-bundle.pem', '-noout'],
    bundle,
  );

  await page.getByRole('button', { name: 'Export certificate…' }).click();
  const one = page.getByRole('dialog', { name: 'Export certificate of dist-root' });
  await one.getByRole('button', { name: 'Choose folder and export…', exact: true }).click();
  await expect(page.getByRole('dialog', { name: 'Export finished' })).toBeVisible();
  await page.getByRole('button', { name: 'Done' }).click();
  expect(readdirSync(path.join(folders[1] ?? '', 'dist-root'))).toContain('dist-root.crt');

  await ca.crlPanel.getByRole('radio', { name: 'DER (binary)' }).check();
  await shootBoth(page, 'ca-crl-save');
  await ca.crlPanel.getByRole('button', { name: 'Save CRL…' }).click();
  await expect(page.getByText(/Saved CRL number 1 as DER/)).toBeVisible();
  const der = path.join(dir, 'root.crl.der');
  expect(readFileSync(der)[0]).toBe(0x30);
  expect(run('openssl', ['crl', '-inform', 'DER', '-in', der, '-noout', '-crlnumber'], dir)).toMatch(
    /crlNumber=0x01/,
  );
});

test('a CA below a revoked one is left out of the trust bundle, and the result says which CA is to blame and when', async () => {
  const root = await createRootCa(page, 'Left Root CA');
  const branch = await createSubCa(page, { cn: 'Branch Issuing', parentId: root.id, pathLen: 1 });
  await createSubCa(page, { cn: 'Branch Sub', parentId: branch.id, pathLen: 0 });
  await revokeCert(page, { id: branch.id, reason: 'cACompromise' });
  const ca = new CaScreen(page);
  await ca.open();

  await page.getByRole('button', { name: 'Export trust bundle…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Export trust bundle' });
  await expect(dialog.getByRole('checkbox', { name: /^Branch Issuing/ })).toBeDisabled();
  await expect(dialog.getByRole('checkbox', { name: 'Branch Sub' })).toBeChecked();
  await dialog.getByRole('button', { name: 'Choose folder and export…', exact: true }).click();
  const done = page.getByRole('dialog', { name: 'Export finished' });
  const leftOut = done.getByRole('list', { name: 'Left out (listed in manifest.json):' });
  await expect(leftOut.getByRole('listitem')).toHaveCount(1);
  await expect(leftOut).toContainText('Branch Sub: the CA above it');
  await expect(leftOut).toContainText('Branch Issuing');
  await expect(leftOut).toContainText('cACompromise');
  await expect(leftOut).not.toContainText(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  await expect(done.getByRole('list', { name: 'Files written' })).toContainText('Left_Root_CA.crt');
  await shootBoth(page, 'ca-trust-bundle-left-out');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page, scheme), scheme).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
});
