import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { writeCorpCa } from '../electron/service/testing/corp-ca';
import { launchApp, type LaunchedApp } from './harness';
import { CaScreen } from './pages/ca';
import { createVaultThroughUi, goTo, shootBoth } from './pages/issuance-app';
import { IssuanceWizard } from './pages/issuance';

let app: LaunchedApp;
let page: Page;
let dir: string;
/** the files main's next open dialogs answer, in order */
let chosen: string[] = [];

test.beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'certdesk-ca-e2e-'));
  chosen = [];
  app = await launchApp({ dialogs: { chooseFile: () => chosen.shift() ?? null } });
  page = app.page;
  await createVaultThroughUi(page);
});
test.afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

const openssl = (...args: string[]): string =>
  execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const shoot = (name: string): Promise<void> => shootBoth(page, name);

test('a root CA with a path length and name constraints, and an intermediate whose default validity is clamped to it', async () => {
  const ca = new CaScreen(page);
  await ca.open();
  await page.getByRole('button', { name: 'Create root CA' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create root CA' });
  await expect(dialog.getByRole('textbox', { name: 'Common name (CN)' })).toBeFocused();
  await dialog.getByRole('textbox', { name: 'Common name (CN)' }).fill('corp-root');
  await dialog.getByRole('combobox', { name: 'Key algorithm' }).selectOption('ed25519');
  await expect(dialog.getByText(/Ed25519 CAs are not accepted by older Java/)).toBeVisible();
  await dialog.getByRole('combobox', { name: 'Key algorithm' }).selectOption('ec-p384');
  await dialog.getByRole('textbox', { name: 'Validity (days)' }).fill('1000');
  await dialog.getByRole('textbox', { name: 'Path length' }).fill('1');
  await dialog.getByText('Name constraints (optional)').click();
  await dialog.getByRole('textbox', { name: 'Permitted IP ranges (CIDR)' }).fill('10.0.0.1');
  await expect(
    dialog.getByRole('textbox', { name: 'Permitted IP ranges (CIDR)' }),
  ).toHaveAccessibleDescription(/not an IP range in CIDR/);
  await dialog.getByRole('textbox', { name: 'Permitted IP ranges (CIDR)' }).fill('10.0.0.0/8');
  await dialog.getByRole('textbox', { name: 'Permitted DNS names' }).fill('corp.internal');
  await shoot('ca-create-root');
  await dialog.getByRole('button', { name: 'Create root CA' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(ca.row('corp-root')).toContainText('EC P-384');
  await expect(page.getByRole('definition').filter({ hasText: /^1$/ })).toBeVisible();

  // Escape closes a dialog and focus returns to the button that opened it.
  const opener = page.getByRole('button', { name: 'Create intermediate CA' }).first();
  await opener.click();
  await expect(page.getByRole('dialog', { name: 'Create intermediate CA' })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: 'Create intermediate CA' })).toBeHidden();
  await expect(opener).toBeFocused();

  const inter = await ca.createIntermediate('corp-issuing', 'corp-root');
  await expect(inter).toBeHidden({ timeout: 30_000 });
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: /Created corp-issuing\. Validity shortened to the issuing CA's notAfter/ }),
  ).toBeVisible();
  await expect(ca.row('corp-issuing')).toContainText('Intermediate');
  await shoot('ca-hierarchy');

  // Issuing outside the permitted subtree is refused before signing, with the reason.
  const wizard = new IssuanceWizard(page);
  await wizard.open();
  await page.getByRole('radio', { name: /^corp-issuing/ }).check();
  await wizard.fillUpToSubject({ cn: 'api.example.com', addCnAsDns: true });
  await expect(page.getByRole('alert').filter({ hasText: /DNS:api\.example\.com is outside/ })).toBeVisible();
  await expect(wizard.next).toBeDisabled();
  await expect(wizard.next).toHaveAccessibleDescription(/outside the CA's permitted subtrees/);
  await shoot('issue-name-constraint-refused');
});

test("the CA made by the seed's openssl commands imports from certificate and key files, then issues", async () => {
  openssl('genrsa', '-out', 'ca.key', '4096');
  openssl(
    'req',
    '-x509',
    '-new',
    '-nodes',
    '-key',
    'ca.key',
    '-sha256',
    '-days',
    '3650',
    '-subj',
    '/CN=mygrpc-ca',
    '-out',
    'ca.crt',
  );
  const ca = new CaScreen(page);
  await ca.open();
  await page.getByRole('button', { name: 'Import CA…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Import CA' });
  await dialog.getByRole('button', { name: 'Import CA' }).click();
  await expect(dialog.getByText('Choose the CA certificate file (PEM or DER)')).toBeVisible();
  chosen.push(path.join(dir, 'ca.crt'), path.join(dir, 'ca.key'));
  await dialog.getByRole('button', { name: 'Choose certificate file…', exact: true }).click();
  await expect(dialog.getByRole('textbox', { name: 'Certificate file' })).toHaveValue(
    path.join(dir, 'ca.crt'),
  );
  await dialog.getByRole('button', { name: 'Choose private key file…', exact: true }).click();
  await expect(dialog.getByRole('textbox', { name: 'Private key file' })).toHaveValue(
    path.join(dir, 'ca.key'),
  );
  await shoot('ca-import');
  await dialog.getByRole('button', { name: 'Import CA' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(ca.row('mygrpc-ca')).toContainText('(in vault)');

  const wizard = new IssuanceWizard(page);
  await wizard.open();
  await wizard.issue({ ca: 'mygrpc-ca', cn: 'user-service', addCnAsDns: true, pasteSans: 'IP:127.0.0.1' });
  const pem = await page.evaluate(async () => {
    const w = window as unknown as {
      certdesk: {
        certs: {
          list: (i: object) => Promise<{ ok: boolean; value: { id: string; cn: string }[] }>;
          get: (i: object) => Promise<{ value: { view: { pem: string } } }>;
        };
      };
    };
    const list = await w.certdesk.certs.list({ kind: 'leaf' });
    const leaf = list.value.find((c) => c.cn === 'user-service');
    return (await w.certdesk.certs.get({ id: leaf?.id })).value.view.pem;
  });
  writeFileSync(path.join(dir, 'server.crt'), pem);
  // Not -x509_strict here: the seed's own `openssl req -x509` CA has no keyUsage, which strict mode rejects.
  expect(openssl('verify', '-purpose', 'sslserver', '-CAfile', 'ca.crt', 'server.crt')).toContain(
    'server.crt: OK',
  );
});

test('a PKCS#12 CA imports with its passphrase (a wrong one is refused) and a pasted trust anchor cannot sign', async () => {
  const ca = new CaScreen(page);
  await ca.open();
  const dialog = page.getByRole('dialog', { name: 'Import CA' });
  // PKCS#12 with a passphrase (OpenSSL 3 default: AES-256-CBC + PBKDF2).
  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'p12.key',
    '-days',
    '365',
    '-subj',
    '/CN=partner-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    'p12.crt',
  );
  openssl(
    'pkcs12',
    '-export',
    '-inkey',
    'p12.key',
    '-in',
    'p12.crt',
    '-out',
    'partner.p12',
    '-passout',
    'pass:p12-passphrase',
  );
  await page.getByRole('button', { name: 'Import CA…' }).click();
  await dialog.getByRole('tab', { name: 'PKCS#12' }).click();
  chosen.push(path.join(dir, 'partner.p12'));
  await dialog.getByRole('button', { name: 'Choose PKCS#12 file…', exact: true }).click();
  await dialog.getByLabel('PKCS#12 passphrase').fill('wrong');
  await dialog.getByRole('button', { name: 'Import CA' }).click();
  await expect(dialog.getByRole('alert')).toBeVisible({ timeout: 30_000 });
  // The file choice was used up by the failed attempt: choose it again.
  await expect(dialog.getByRole('textbox', { name: 'PKCS#12 file' })).toHaveValue('');
  chosen.push(path.join(dir, 'partner.p12'));
  await dialog.getByRole('button', { name: 'Choose PKCS#12 file…', exact: true }).click();
  await dialog.getByLabel('PKCS#12 passphrase').fill('p12-passphrase');
  await dialog.getByRole('button', { name: 'Import CA' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(ca.row('partner-ca')).toBeVisible();

  openssl(
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'ta.key',
    '-days',
    '365',
    '-subj',
    '/CN=external-root',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
    '-out',
    'ta.crt',
  );
  await page.getByRole('button', { name: 'Import trust anchor…' }).click();
  const ta = page.getByRole('dialog', { name: 'Import trust anchor' });
  await ta.getByRole('textbox', { name: 'CA certificate (PEM)' }).fill(openssl('x509', '-in', 'ta.crt'));
  await ta.getByRole('button', { name: 'Import trust anchor' }).click();
  await expect(ta).toBeHidden({ timeout: 30_000 });
  await expect(ca.row('external-root')).toContainText('No key');
  await expect(ca.row('external-root')).toContainText('trust anchor');
  await ca.select('external-root');
  await expect(page.getByText('A trust anchor has no key here')).toBeVisible();
  await shoot('ca-imported');

  // A trust anchor cannot sign: the wizard lists it disabled.
  const wizard = new IssuanceWizard(page);
  await wizard.open();
  await expect(page.getByRole('radio', { name: /^external-root/ })).toBeDisabled();
});

test('revoking from the certificate inspector, then a CRL that openssl reads and that lists the serial', async () => {
  const ca = new CaScreen(page);
  await ca.open();
  await ca.createRoot('mygrpc-ca');
  const wizard = new IssuanceWizard(page);
  await wizard.open();
  await wizard.issue({ cn: 'billing-service', profile: 'TLS client' });
  // Shown colon-grouped (AB:CD:…); openssl prints the same bytes without colons.
  const result = page.getByRole('region', { name: 'Issued billing-service' });
  const serial = (await result.getByRole('definition').first().locator('.hex-bytes').innerText()).replace(
    /:/g,
    '',
  );

  await goTo(page, 'Certificates');
  await page
    .getByRole('table', { name: 'Certificates' })
    .getByRole('button', { name: 'billing-service' })
    .click();
  await page.getByRole('button', { name: 'Revoke…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Revoke billing-service' });
  await expect(dialog.getByRole('combobox', { name: 'Reason' })).toBeFocused();
  await dialog.getByRole('combobox', { name: 'Reason' }).selectOption('keyCompromise');
  await shoot('revoke-dialog');
  await dialog.getByRole('button', { name: 'Revoke certificate' }).click();
  await expect(dialog).toBeHidden();
  await expect(
    page.getByRole('status').filter({ hasText: 'Revoked billing-service (keyCompromise)' }),
  ).toBeVisible();

  await ca.open();
  await ca.select('mygrpc-ca');
  await expect(ca.crlPanel.getByText('No CRL generated for this CA yet.')).toBeVisible();
  await ca.generateCrl('14');
  await expect(ca.crlPanel.getByRole('definition').first()).toHaveText('1');
  await shoot('ca-crl');
  const crlPem = await ca.crlPanel.locator('pre').innerText();
  writeFileSync(path.join(dir, 'ca.crl'), crlPem.trim() + '\n');
  const text = openssl('crl', '-in', 'ca.crl', '-noout', '-text');
  expect(text.toUpperCase()).toContain(serial.toUpperCase().replace(/^0+/, ''));
  expect(text).toContain('Key Compromise');
  expect(text).toMatch(/X509v3 CRL Number:\s*\n\s*1/);
  await ca.generateCrl('7');
  await expect(ca.crlPanel.getByRole('definition').first()).toHaveText('2');
});

test("an online intermediate's CSR (step-ca style) is signed under the offline root and verifies strictly with openssl", async () => {
  const ca = new CaScreen(page);
  await ca.open();
  await ca.createRoot('offline-root');
  openssl(
    'req',
    '-new',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:P-256',
    '-nodes',
    '-keyout',
    'inter.key',
    '-subj',
    '/CN=online-issuing-ca',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-out',
    'inter.csr',
  );
  await page.getByRole('button', { name: 'Sign CA CSR…' }).click();
  const dialog = page.getByRole('dialog', { name: 'Sign an intermediate CA CSR' });
  const csrBox = dialog.getByRole('textbox', { name: 'Intermediate CA CSR (PEM)' });
  await expect(csrBox).toBeFocused();
  await csrBox.fill(openssl('req', '-in', 'inter.csr'));
  await expect(dialog.getByRole('button', { name: 'Sign intermediate CA' })).toBeDisabled();
  await dialog.getByRole('button', { name: 'Read CSR' }).click();
  await expect(dialog.getByText('CN=online-issuing-ca')).toBeVisible();
  await shoot('ca-sign-csr');
  await dialog.getByRole('button', { name: 'Sign intermediate CA' }).click();
  const done = page.getByRole('dialog', { name: 'Signed online-issuing-ca' });
  await expect(done).toBeVisible({ timeout: 30_000 });
  writeFileSync(path.join(dir, 'inter.pem'), (await done.locator('pre').innerText()).trim() + '\n');
  await done.getByRole('button', { name: 'Done' }).click();
  await expect(ca.row('online-issuing-ca')).toContainText('No key');

  const rootPem = await page.evaluate(async () => {
    const w = window as unknown as {
      certdesk: {
        ca: { list: (i: object) => Promise<{ value: { id: string; cn: string }[] }> };
        certs: { get: (i: object) => Promise<{ value: { view: { pem: string } } }> };
      };
    };
    const root = (await w.certdesk.ca.list({})).value.find((c) => c.cn === 'offline-root');
    return (await w.certdesk.certs.get({ id: root?.id })).value.view.pem;
  });
  writeFileSync(path.join(dir, 'root.pem'), rootPem);
  expect(openssl('verify', '-x509_strict', '-CAfile', 'root.pem', 'inter.pem')).toContain('inter.pem: OK');
  expect(openssl('x509', '-in', 'inter.pem', '-noout', '-ext', 'basicConstraints')).toMatch(
    /CA:TRUE, pathlen:0/,
  );
});

test('the Issuer column says Self-signed only for a CA its own key signed; an intermediate whose issuer merely reads like its name says its issuer is not in the vault', async () => {
  // The root's "CN=Corp CA" is a PrintableString, the intermediate's own name a UTF8String: both display as
  // CN=Corp CA, and only the root is self-signed.
  writeCorpCa(dir, 'utf8only');

  const ca = new CaScreen(page);
  await ca.open();
  await ca.createRoot('corp-root');
  await page.getByRole('button', { name: 'Import trust anchor…' }).click();
  const ta = page.getByRole('dialog', { name: 'Import trust anchor' });
  await ta.getByRole('textbox', { name: 'CA certificate (PEM)' }).fill(openssl('x509', '-in', 'inter.crt'));
  await ta.getByRole('button', { name: 'Import trust anchor' }).click();
  await expect(ta).toBeHidden({ timeout: 30_000 });

  await expect(ca.row('corp-root').getByRole('cell', { name: 'Self-signed', exact: true })).toBeVisible();
  const lookAlike = ca.row('Corp CA');
  await expect(
    lookAlike.getByRole('cell', { name: 'Intermediate (trust anchor)', exact: true }),
  ).toBeVisible();
  await expect(
    lookAlike.getByRole('cell', { name: 'CN=Corp CA (issuer not in the vault)', exact: true }),
  ).toBeVisible();
  await expect(lookAlike.getByRole('cell', { name: 'Self-signed' })).toHaveCount(0);
  for (const size of [
    { width: 900, height: 600 },
    { width: 1280, height: 800 },
  ]) {
    await page.setViewportSize(size);
    await shoot(`ca-issuer-not-in-vault-${size.width}x${size.height}`);
  }
});
