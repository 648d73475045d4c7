import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchApp, type LaunchedApp } from './harness';
import { issueLeaf, type PageGlobal } from './pages/bridge-setup';
import { CaScreen } from './pages/ca';
import { seriousViolations } from './pages/axe';
import { ExportDialogModel, HandshakeCheckScreen } from './pages/export';
import { createVaultThroughUi, goTo, shootBoth } from './pages/issuance-app';
import { IssuanceWizard } from './pages/issuance';

let app: LaunchedApp;
let page: Page;
let dir: string;
const EXPORT_PASSPHRASE = 'usb stick passphrase 42';
/** What main's dialogs answer: the folder picked, and yes/no to its confirmation boxes (recorded). */
let chosenFolder: string | null = null;
let confirmAnswer = false;
let confirmations: string[] = [];

test.beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'certdesk-export-e2e-'));
  // The export target is an existing folder, like a mounted USB stick; main never creates the mount point.
  mkdirSync(path.join(dir, 'usb'));
  mkdirSync(path.join(dir, 'plain'));
  chosenFolder = null;
  confirmAnswer = false;
  confirmations = [];
  app = await launchApp({
    dialogs: {
      chooseFolder: (purpose) => (purpose === 'write-folder' ? chosenFolder : null),
      confirm: (message) => {
        confirmations.push(message);
        return confirmAnswer;
      },
    },
  });
  page = app.page;
  await createVaultThroughUi(page);
  await new CaScreen(page).open();
  await new CaScreen(page).createRoot('mygrpc-ca');
});
test.afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const shoot = (name: string): Promise<void> => shootBoth(page, name);
const run = (cwd: string, cmd: string, ...args: string[]): string =>
  execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

async function issueSeedPair(wizard: IssuanceWizard): Promise<void> {
  await wizard.open();
  await wizard.issue({
    cn: 'user-service',
    addCnAsDns: true,
    pasteSans: 'DNS:user-service.internal DNS:localhost IP:127.0.0.1',
  });
}

test('export from the issuance result writes seed-named files that openssl verifies strictly, with an encrypted key; a previous export is replaced only when main is answered yes', async () => {
  const wizard = new IssuanceWizard(page);
  await issueSeedPair(wizard);
  await page.getByRole('button', { name: 'Export…' }).click();
  const exp = new ExportDialogModel(page, 'user-service');
  await expect(exp.dialog).toBeVisible();
  await exp.exportButton.click();
  await expect(exp.dialog.getByText('Choose the folder to export into')).toBeVisible();
  chosenFolder = path.join(dir, 'usb');
  await exp.fill({ dir: chosenFolder, p12: 'modern' });
  await exp.passphrase.fill('short');
  await exp.exportButton.click();
  await expect(exp.dialog.getByText('Use an export passphrase of at least 12 characters')).toBeVisible();
  await exp.passphrase.fill(EXPORT_PASSPHRASE);
  await exp.passphraseAgain.fill(EXPORT_PASSPHRASE + 'x');
  await exp.exportButton.click();
  await expect(exp.dialog.getByText('The two passphrases differ')).toBeVisible();
  await exp.passphraseAgain.fill(EXPORT_PASSPHRASE);
  await shoot('export-dialog');
  await exp.exportButton.click();
  await expect(exp.finished).toBeVisible({ timeout: 60_000 });
  await expect(exp.finished.getByRole('button', { name: 'Done' })).toBeFocused();
  const bundle = await exp.bundleDir('user-service');
  for (const f of ['ca.crt', 'server.crt', 'server.key', 'fullchain.pem', 'SHA256SUMS', 'README.txt']) {
    await expect(exp.finished.getByText(f, { exact: true })).toBeVisible();
    expect(existsSync(path.join(bundle, f)), f).toBe(true);
  }
  await shoot('export-finished');
  await exp.finished.getByRole('button', { name: 'Done' }).focus();
  await page.keyboard.press('Escape');
  await expect(exp.finished).toBeHidden();
  await expect(page.getByRole('button', { name: 'Export…' })).toBeFocused();

  expect(
    run(
      bundle,
      'openssl',
      'verify',
      '-x509_strict',
      '-purpose',
      'sslserver',
      '-CAfile',
      'ca.crt',
      'server.crt',
    ),
  ).toContain('server.crt: OK');
  expect(readFileSync(path.join(bundle, 'server.key'), 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY');
  run(bundle, 'openssl', 'pkey', '-in', 'server.key', '-passin', `pass:${EXPORT_PASSPHRASE}`, '-noout');
  expect(run(bundle, 'sha256sum', '-c', 'SHA256SUMS')).not.toContain('FAILED');

  // Same folder again: main asks in its own box, naming the folder; "no" replaces nothing.
  const manifest = readFileSync(path.join(bundle, 'manifest.json'), 'utf8');
  await page.getByRole('button', { name: 'Export…' }).click();
  await exp.fill({ dir: chosenFolder, passphrase: EXPORT_PASSPHRASE });
  await exp.exportButton.click();
  await expect(exp.dialog.getByRole('alert').filter({ hasText: /was not confirmed/ })).toBeVisible();
  expect(confirmations).toEqual([`Replace the previous CertDesk export in ${bundle}?`]);
  expect(readFileSync(path.join(bundle, 'manifest.json'), 'utf8')).toBe(manifest);
  // The folder choice was used up by that attempt: the form asks for it again.
  await expect(exp.folder).toHaveValue('');
  await shoot('export-exists');
  confirmAnswer = true;
  await exp.fill({ dir: chosenFolder });
  await exp.exportButton.click();
  await expect(exp.finished).toBeVisible({ timeout: 60_000 });
  expect(confirmations).toHaveLength(2);
  expect(readFileSync(path.join(bundle, 'manifest.json'), 'utf8')).not.toBe(manifest);
});

test('an unencrypted key needs the checkbox and a second explicit confirmation, then openssl reads it without a passphrase', async () => {
  const wizard = new IssuanceWizard(page);
  await wizard.open();
  await wizard.issue({ cn: 'billing-service', profile: 'TLS client' });
  await goTo(page, 'Certificates');
  await page
    .getByRole('table', { name: 'Certificates' })
    .getByRole('button', { name: 'billing-service' })
    .click();
  await page.getByRole('button', { name: 'Export…' }).click();
  const exp = new ExportDialogModel(page, 'billing-service');
  chosenFolder = path.join(dir, 'plain');
  await exp.fill({ dir: chosenFolder });
  await expect(exp.dialog.getByRole('button', { name: 'Export', exact: true })).toBeVisible();
  await exp.dialog.getByRole('checkbox', { name: 'Write unencrypted keys' }).check();
  // main's own box always follows now, so the command says it asks more.
  await expect(exp.dialog.getByRole('button', { name: 'Export…', exact: true })).toBeVisible();
  await expect(
    exp.dialog.getByRole('alert').filter({ hasText: /anyone who copies the USB stick gets the private key/ }),
  ).toBeVisible();
  await expect(exp.passphrase).toHaveCount(0);
  await exp.exportButton.click();
  await expect(
    exp.dialog.getByText('Confirm that you accept writing the private key unencrypted'),
  ).toBeVisible();
  await shoot('export-unencrypted');
  await exp.dialog.getByRole('checkbox', { name: 'I understand: write the private key unencrypted' }).check();
  // The two ticks only ask: main's own box decides, and "no" writes nothing.
  await exp.exportButton.click();
  await expect(exp.dialog.getByRole('alert').filter({ hasText: /was not confirmed/ })).toBeVisible();
  expect(confirmations).toEqual([
    `Write the private key of billing-service UNENCRYPTED into ${chosenFolder}?`,
  ]);
  expect(run(dir, 'ls', '-A', 'plain')).toBe('');
  confirmAnswer = true;
  await exp.fill({ dir: chosenFolder });
  await exp.exportButton.click();
  await expect(exp.finished).toBeVisible({ timeout: 60_000 });
  await expect(
    exp.finished.getByText(/written unencrypted; this is recorded in the audit log/),
  ).toBeVisible();
  const bundle = await exp.bundleDir('billing-service');
  expect(readFileSync(path.join(bundle, 'client.key'), 'utf8')).toMatch(/BEGIN (EC )?PRIVATE KEY/);
  run(bundle, 'openssl', 'pkey', '-in', 'client.key', '-noout');
  expect(
    run(
      bundle,
      'openssl',
      'verify',
      '-x509_strict',
      '-purpose',
      'sslclient',
      '-CAfile',
      'ca.crt',
      'client.crt',
    ),
  ).toContain('client.crt: OK');
});

test('the mTLS check succeeds for the seed pair and names the failure for a wrong server name and a client cert used as server', async () => {
  const wizard = new IssuanceWizard(page);
  await issueSeedPair(wizard);
  await wizard.issueAnother();
  await wizard.issue({ cn: 'billing-service', profile: 'TLS client' });

  const check = new HandshakeCheckScreen(page);
  await check.open();
  await expect(check.server).toHaveValue(/.+/);
  await expect(check.server.locator('option:checked')).toHaveText(/^user-service/);
  await expect(check.client.locator('option:checked')).toHaveText(/^billing-service/);
  await expect(check.serverName).toHaveValue('user-service');
  await check.run.click();
  await expect(check.resultHeading).toHaveText('Handshake succeeded', { timeout: 60_000 });
  // The button was busy while the check ran; keyboard focus stayed on it instead of falling to the page.
  await expect(check.run).toBeFocused();
  const result = page.getByRole('status').filter({ has: check.resultHeading });
  await expect(result).toContainText('billing-service');
  await expect(result).toContainText('TLSv1.3');
  await shoot('check-ok');

  await check.serverName.fill('wrong.example');
  await check.run.click();
  await expect(check.resultHeading).toHaveText('Handshake failed: Server name mismatch', { timeout: 60_000 });
  await shoot('check-name-mismatch');

  await check.server.selectOption({
    label: (await check.server.locator('option', { hasText: /^billing-service/ }).innerText()).trim(),
  });
  await expect(check.serverName).toHaveValue('billing-service');
  await check.run.click();
  await expect(check.resultHeading).toHaveText(
    'Handshake failed: Server certificate lacks the serverAuth EKU',
    { timeout: 60_000 },
  );
});

test('two user-service certificates (an old one and its successor) are told apart in the mTLS check by the serial and expiry shown with each choice', async () => {
  const caId = await page.evaluate(async () => {
    const r = await (globalThis as unknown as PageGlobal).certdesk.ca.list({});
    if (!r.ok) throw new Error(r.error.message);
    return r.value.find((c) => c.cn === 'mygrpc-ca')!.id;
  });
  const old = await issueLeaf(page, { caId, cn: 'user-service', days: 30 });
  const successor = await issueLeaf(page, { caId, cn: 'user-service', days: 397 });
  const colonHex = (hex: string): string =>
    (hex.length % 2 ? `0${hex}` : hex).toUpperCase().replace(/(..)(?=.)/g, '$1:');

  const check = new HandshakeCheckScreen(page);
  await check.open();
  await expect(check.server.getByRole('option', { name: /^user-service/ })).toHaveCount(2);
  const untilDates: string[] = [];
  for (const cert of [old, successor]) {
    const serial = colonHex(cert.serial);
    // The choice itself names the expiry date and the serial's first bytes...
    const choice = check.server
      .getByRole('option', {
        name: `user-service · TLS server · until `,
      })
      .filter({ hasText: `· serial ${serial.slice(0, 11)}…` });
    await expect(choice).toHaveCount(1);
    const label = (await choice.innerText()).trim();
    const until = /· until (\d{4}-\d\d-\d\d) ·/.exec(label)?.[1];
    expect(until, label).toBeDefined();
    untilDates.push(until!);
    await check.server.selectOption({ label });
    // ...and the chosen one's full serial and exact expiry show under the select, as its description.
    await expect(check.server).toHaveAccessibleDescription(
      new RegExp(`^Serial ${serial}, not after ${until} \\d\\d:\\d\\d \\S+$`),
    );
  }
  expect(untilDates[0]).not.toBe(untilDates[1]);
});

test('"Generate a passphrase" lets main make the key passphrase and show it once; the key opens with it', async () => {
  const wizard = new IssuanceWizard(page);
  await issueSeedPair(wizard);
  await page.getByRole('button', { name: 'Export…' }).click();
  const exp = new ExportDialogModel(page, 'user-service');
  chosenFolder = path.join(dir, 'usb');
  await exp.fill({ dir: chosenFolder, p12: 'modern' });
  await exp.dialog.getByRole('checkbox', { name: /Generate a passphrase/ }).check();
  await expect(exp.passphrase).toHaveCount(0);
  await expect(exp.dialog.getByRole('button', { name: 'Export…', exact: true })).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    expect(await seriousViolations(page, scheme)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await shoot('export-generate-passphrase');
  // Main's box shows the passphrase; without "saved it" nothing is written.
  await exp.exportButton.click();
  await expect(exp.dialog.getByRole('alert').filter({ hasText: /not confirmed as saved/ })).toBeVisible();
  expect(run(dir, 'ls', '-A', 'usb')).toBe('');
  confirmAnswer = true;
  await exp.fill({ dir: chosenFolder });
  await exp.exportButton.click();
  await expect(exp.finished).toBeVisible({ timeout: 60_000 });
  const shown = confirmations.at(-1) ?? '';
  const passphrase = /passphrase: ([A-Z2-9]{4}(?:-[A-Z2-9]{4}){4})$/.exec(shown)?.[1];
  expect(passphrase, shown).toBeDefined();
  await expect(page.getByText(passphrase!)).toHaveCount(0);
  const bundle = await exp.bundleDir('user-service');
  run(bundle, 'openssl', 'pkey', '-in', 'server.key', '-passin', `pass:${passphrase}`, '-noout');
});
