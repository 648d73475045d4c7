import { expect, test } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchApp } from './harness';
import { AppPage } from './pages/app-page';
import { AuditPage, InspectFilePage, SettingsPage } from './pages/audit-settings-page';
import { createRootCa, issueLeaf, revokeCert, saveCrl } from './pages/bridge-setup';
import { expectColonHex } from './pages/hex';
import { saveScreenshot } from './screenshots';

const PASS = 'correct horse battery staple';
/** main's dialogs: files the next open dialogs answer, and the confirmations it showed (all answered yes) */
let chosen: string[] = [];
let confirmations: string[] = [];
const answerYes = (message: string): boolean => {
  confirmations.push(message);
  return true;
};
test.beforeEach(() => {
  chosen = [];
  confirmations = [];
});

test('the audit log lists operations, filters by operation and verifies its hash chain', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    const ui = new AppPage(page);
    const audit = new AuditPage(page);
    await expect(ui.ready()).toBeVisible();
    await ui.createVault(PASS);
    await ui.expectUnlocked();
    const ca = await createRootCa(page, 'Audit Root CA');
    await issueLeaf(page, { caId: ca.id, cn: 'user-service', days: 90 });
    await issueLeaf(page, { caId: ca.id, cn: 'billing-service', days: 90, profile: 'client' });

    await ui.go('Audit log');
    await expect(audit.heading()).toBeVisible();
    await expect(audit.rows().filter({ hasText: 'CN=user-service' })).toHaveCount(1);
    await expect(audit.rows().filter({ hasText: 'ca.create' })).toHaveCount(1);

    await audit.operation().selectOption('certs.issue');
    await expect(audit.rows()).toHaveCount(2);
    await expect(audit.rows().filter({ hasText: 'ca.create' })).toHaveCount(0);

    await audit.verify().click();
    await expect(audit.verifyResult()).toContainText('✓ Verified:');
    await saveScreenshot(page, 'audit-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'audit-dark');
  } finally {
    await app.close();
  }
});

test('settings changes persist across lock and unlock and drive the theme and thresholds', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    const ui = new AppPage(page);
    const settings = new SettingsPage(page);
    await expect(ui.ready()).toBeVisible();
    await ui.createVault(PASS);
    await ui.expectUnlocked();
    await ui.go('Settings');
    await saveScreenshot(page, 'settings-light');

    // A rule broken on the page names the field to fix; nothing is saved.
    await settings.field('Critical (red)').fill('45');
    await settings.save().click();
    await expect(settings.form().getByRole('alert')).toHaveText(
      'The warning threshold must be at least the critical one.',
    );

    await settings.field('Critical (red)').fill('10');
    await settings.field('Warning (amber)').fill('45');
    await settings.field('Notice').fill('120');
    await settings.field('TLS server').fill('90');
    await settings.field('Auto-lock after idle (minutes)').fill('15');
    await settings.field('Default key algorithm').selectOption('ec-p384');
    await settings.field('Theme').selectOption('dark');
    await settings.save().click();
    await expect(ui.toast('Settings saved')).toBeVisible();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    // the pinned theme wins over the OS (light here): the page really paints the dark palette
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(18, 21, 26)');
    await saveScreenshot(page, 'settings-dark');

    await ui.lockButton().click();
    await ui.unlock(PASS);
    await ui.expectUnlocked();
    await ui.go('Settings');
    await expect(settings.field('Warning (amber)')).toHaveValue('45');
    await expect(settings.field('Notice')).toHaveValue('120');
    await expect(settings.field('TLS server')).toHaveValue('90');
    await expect(settings.field('Auto-lock after idle (minutes)')).toHaveValue('15');
    await expect(settings.field('Default key algorithm')).toHaveValue('ec-p384');
    await expect(settings.field('Theme')).toHaveValue('dark');

    await settings.field('Theme').selectOption('system');
    await settings.save().click();
    await expect(ui.toast('Settings saved').first()).toBeVisible();
    await expect(page.locator('html')).not.toHaveAttribute('data-theme', /.*/);
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(245, 246, 248)');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('body')).toHaveCSS('background-color', 'rgb(18, 21, 26)');
  } finally {
    await app.close();
  }
});

test("an external certificate file is inspected from pasted PEM, a file chosen in main's dialog and a drop", async () => {
  const app = await launchApp({ dialogs: { chooseFile: () => chosen.shift() ?? null } });
  try {
    const { page } = app;
    const ui = new AppPage(page);
    const insp = new InspectFilePage(page);
    await expect(ui.ready()).toBeVisible();
    await ui.createVault(PASS);
    await ui.expectUnlocked();

    // A certificate made by openssl outside the vault: decoded, and reported as not issued by a vault CA.
    const dir = mkdtempSync(path.join(tmpdir(), 'certdesk-inspect-'));
    const crt = path.join(dir, 'external.crt');
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        path.join(dir, 'k.pem'),
        '-out',
        crt,
        '-subj',
        '/CN=external.example',
        '-days',
        '30',
        '-addext',
        'subjectAltName=DNS:external.example',
      ],
      { stdio: 'ignore' },
    );
    const pem = readFileSync(crt, 'utf8');

    await ui.go('Inspect');
    await insp.inspect().click();
    await expect(page.getByRole('alert').filter({ hasText: 'Paste PEM text' })).toBeVisible();
    await insp.pemText().fill(pem);
    await insp.inspect().click();
    await expect(page.getByRole('region', { name: 'Fields' })).toContainText('CN=external.example');
    await expect(page.getByRole('region', { name: /^Extensions/ })).toContainText('DNS:external.example');
    await saveScreenshot(page, 'inspect-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'inspect-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await insp.fileTab().click();
    chosen.push(path.join(dir, 'missing.crt'));
    await insp.chooseFile().click();
    await expect(insp.chosenFile()).toHaveValue(path.join(dir, 'missing.crt'));
    await insp.inspect().click();
    await expect(page.getByRole('alert').filter({ hasText: 'missing.crt' })).toBeVisible();
    chosen.push(crt);
    await insp.chooseFile().click();
    await insp.inspect().click();
    await expect(page.getByRole('region', { name: 'Fields' })).toContainText('CN=external.example');

    // Drag-and-drop from the dashboard: DER bytes go over as base64 and the Inspect page opens.
    await ui.go('Dashboard');
    const der = execFileSync('openssl', ['x509', '-in', crt, '-outform', 'DER']);
    const transfer = await page.evaluateHandle((b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'external.der', { type: 'application/pkix-cert' }));
      return dt;
    }, der.toString('base64'));
    await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
    await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
    await expect(ui.navButton('Inspect')).toHaveAttribute('aria-current', 'page');
    await expect(page.getByRole('region', { name: /external\.der/ })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Fields' })).toContainText('CN=external.example');

    // A CRL lists its revoked serials as upper-case colon-grouped bytes, like every other serial.
    const ca = await createRootCa(page, 'Inspect Root CA');
    const leaf = await issueLeaf(page, { caId: ca.id, cn: 'revoked.example', days: 30 });
    await revokeCert(page, { id: leaf.id, reason: 'superseded' });
    const crlPath = path.join(dir, 'root.crl.pem');
    chosen.push(crlPath);
    await saveCrl(page, ca.id);
    await ui.go('Inspect');
    await insp.fileTab().click();
    chosen.push(crlPath);
    await insp.chooseFile().click();
    await expect(insp.chosenFile()).toHaveValue(crlPath);
    await insp.inspect().click();
    const revoked = page.getByRole('table', { name: 'Revoked serials' });
    await expect(revoked).toBeVisible();
    await expectColonHex(revoked.getByRole('row').nth(1).getByRole('cell').first(), leaf.serial);
    await saveScreenshot(page, 'inspect-crl-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'inspect-crl-dark');
    await page.emulateMedia({ colorScheme: 'light' });
  } finally {
    await app.close();
  }
});

test('the vault passphrase is changed, a backup is written and a restore brings the vault back to it', async () => {
  const app = await launchApp({ dialogs: { chooseFile: () => chosen.shift() ?? null, confirm: answerYes } });
  try {
    const { page } = app;
    const ui = new AppPage(page);
    await expect(ui.ready()).toBeVisible();
    await ui.createVault(PASS);
    await ui.expectUnlocked();
    const ca = await createRootCa(page, 'Backup Root CA');
    await ui.go('Settings');

    const change = page.getByRole('form', { name: 'Change passphrase' });
    const NEXT = 'a brand new vault passphrase';
    await change.getByLabel('Current passphrase').fill('not the passphrase');
    await change.getByLabel('New passphrase', { exact: true }).fill(NEXT);
    await change.getByLabel('Repeat new passphrase').fill(NEXT);
    await change.getByRole('button', { name: 'Change passphrase…', exact: true }).click();
    await expect(change.getByRole('alert')).toHaveText(
      'The current passphrase is wrong: nothing was changed.',
    );
    await change.getByLabel('Current passphrase').fill(PASS);
    await change.getByLabel('New passphrase', { exact: true }).fill(NEXT);
    await change.getByLabel('Repeat new passphrase').fill(NEXT);
    await change.getByRole('button', { name: 'Change passphrase…', exact: true }).click();
    await expect(ui.toast(/Passphrase changed/)).toBeVisible();
    expect(confirmations.at(-1)).toMatch(/^Change the passphrase of the vault .+\?$/);

    const backupPath = path.join(mkdtempSync(path.join(tmpdir(), 'certdesk-backup-')), 'backup.certdesk');
    const backup = page.getByRole('form', { name: 'Back up the vault' });
    await backup.getByRole('button', { name: 'Write backup' }).click();
    await expect(backup.getByText('Choose where to write the backup')).toBeVisible();
    // main's save dialog picks the file; the renderer only holds main's grant for it
    chosen.push(backupPath);
    await backup.getByRole('button', { name: 'Choose where to write the backup…', exact: true }).click();
    await expect(backup.getByRole('textbox', { name: 'Backup file' })).toHaveValue(backupPath);
    await backup.getByRole('button', { name: 'Write backup' }).click();
    await expect(ui.toast(/Backup written and verified/)).toBeVisible();
    await saveScreenshot(page, 'settings-vault-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'settings-vault-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    // Issue after the backup; restoring the backup removes it again.
    await issueLeaf(page, { caId: ca.id, cn: 'after-backup', days: 30 });
    const restore = page.getByRole('form', { name: 'Restore from a backup' });
    chosen.push(backupPath);
    await restore.getByRole('button', { name: 'Choose backup to restore…', exact: true }).click();
    await expect(restore.getByRole('textbox', { name: 'Backup to restore' })).toHaveValue(backupPath);
    await restore.getByLabel('Backup passphrase').fill(NEXT);
    await restore.getByRole('button', { name: 'Restore backup…', exact: true }).click();
    await expect(ui.toast(/Vault restored/)).toBeVisible();
    expect(confirmations.at(-1)).toMatch(
      /^Replace the contents of the vault .+ with the backup .+backup\.certdesk\?$/,
    );
    await ui.go('Certificates');
    await expect(page.getByRole('status', { name: 'Result count' })).toHaveText('1 certificates');

    await ui.lockButton().click();
    await ui.unlock(PASS);
    await expect(ui.unlockForm().getByRole('alert')).toContainText('Wrong passphrase');
    await ui.unlock(NEXT);
    await ui.expectUnlocked();
  } finally {
    await app.close();
  }
});
