import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchApp, type LaunchedApp } from './harness';
import { CaScreen } from './pages/ca';
import { createVaultThroughUi, goTo, shootBoth } from './pages/issuance-app';
import { IssuanceWizard } from './pages/issuance';
import { DashboardPage } from './pages/dashboard-page';
import { InventoryPage } from './pages/inventory-page';

let app: LaunchedApp;
let page: Page;

test.beforeEach(async () => {
  app = await launchApp();
  page = app.page;
  await createVaultThroughUi(page);
});
test.afterEach(async () => {
  await app.close();
});

const shoot = (name: string): Promise<void> => shootBoth(page, name);

test('the seed scenario runs purely through the UI: CA, server user-service with four SANs, client billing-service', async () => {
  const ca = new CaScreen(page);
  await ca.open();
  await shoot('ca-empty');
  await ca.createRoot('mygrpc-ca');
  await expect(ca.row('mygrpc-ca')).toContainText('Root');
  await shoot('ca-list');

  const wizard = new IssuanceWizard(page);
  await wizard.open();
  await expect(page.getByRole('radio', { name: /^mygrpc-ca/ })).toBeChecked();
  await shoot('issue-issuer');
  await wizard.nextTo('Profile');
  await shoot('issue-profile');
  await wizard.nextTo('Subject and SANs');
  await page.getByRole('textbox', { name: 'Common name (CN)' }).fill('user-service');
  await page.getByRole('button', { name: 'Add CN as DNS SAN' }).click();
  await expect(wizard.sanValue(1)).toHaveValue('user-service');
  await wizard.pasteSans('DNS:user-service.internal, DNS:localhost\nIP:127.0.0.1');
  await expect(wizard.sanValue(4)).toHaveValue('127.0.0.1');
  await expect(wizard.sanType(4)).toHaveValue('ip');
  await shoot('issue-subject');
  await wizard.nextTo('Key');
  await shoot('issue-key');
  await wizard.nextTo('Validity');
  await expect(page.getByRole('radio', { name: '397 days' })).toBeChecked();
  await expect(page.getByText(/^Valid from/)).toBeVisible();
  await shoot('issue-validity');
  await wizard.nextTo('Review');
  await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Equivalent openssl commands' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Equivalent openssl commands (text)' })).toContainText(
    'openssl genpkey',
  );
  await shoot('issue-review');
  await wizard.issueButton.click();
  await expect(page.getByRole('heading', { name: 'Issued user-service' })).toBeVisible({ timeout: 60_000 });
  await expect(
    page.getByText('DNS:user-service, DNS:user-service.internal, DNS:localhost, IP:127.0.0.1'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Export…' })).toBeVisible();
  await shoot('issue-result');

  await wizard.issueAnother();
  await wizard.issue({ cn: 'billing-service', profile: 'TLS client' });

  await goTo(page, 'Certificates');
  const inventory = new InventoryPage(page);
  await expect(inventory.row('user-service')).toBeVisible();
  await expect(inventory.row('user-service')).toContainText('user-service.internal');
  await expect(inventory.row('billing-service')).toBeVisible();
  await expect(inventory.row('mygrpc-ca')).toBeVisible();
  await shoot('seed-certificates');
  await goTo(page, 'Dashboard');
  const dashboard = new DashboardPage(page);
  await expect(dashboard.heading()).toBeVisible();
  await expect(dashboard.count('Valid')).toHaveAccessibleName(/^Valid: [1-9][\d,]*$/);
  await expect(dashboard.recentActivity()).toContainText('user-service');
  await expect(dashboard.recentActivity()).toContainText('billing-service');
  await shoot('seed-dashboard');
});

test('invalid SAN rows show the reason on the row and block Next until fixed', async () => {
  await new CaScreen(page).open();
  await new CaScreen(page).createRoot('mygrpc-ca');
  const wizard = new IssuanceWizard(page);
  await wizard.open();
  await wizard.fillUpToSubject({ cn: 'user-service' });
  await wizard.sanValue(1).fill('bad_name.internal');
  await expect(wizard.sanValue(1)).toHaveAttribute('aria-invalid', 'true');
  await expect(wizard.sanValue(1)).toHaveAccessibleDescription(/bad label "bad_name"/);
  await expect(wizard.next).toBeDisabled();
  await expect(wizard.blockers).toContainText('DNS:bad_name.internal has a bad label');

  await wizard.pasteSans('127.0.0.1 user-service.internal USER-SERVICE.internal spiffe://Example.org/x');
  await expect(wizard.sanType(2)).toHaveValue('ip');
  await expect(wizard.sanValue(4)).toHaveAccessibleDescription(/duplicate of row 3/);
  await expect(wizard.sanValue(5)).toHaveAccessibleDescription(/malformed SPIFFE ID/);
  await wizard.sanType(2).selectOption('dns');
  await expect(wizard.sanValue(2)).toHaveAccessibleDescription(/add it as an IP SAN/);
  await shoot('issue-invalid-sans');

  // The stepper cannot skip past the blocked step either.
  await expect(wizard.stepper.getByRole('button', { name: /Review/ })).toBeDisabled();
  for (const n of [5, 4, 1]) await page.getByRole('button', { name: `Remove SAN ${n}` }).click();
  await wizard.sanType(1).selectOption('ip');
  await expect(wizard.blockers).toBeHidden();
  await expect(wizard.next).toBeEnabled();
  await wizard.toReview();
  await wizard.issueButton.click();
  await expect(page.getByRole('heading', { name: 'Issued user-service' })).toBeVisible({ timeout: 60_000 });
});

test('999.1.1.1 in a DNS row is refused with a reason, an address offers Change to IP, and focus moves on after the SAN buttons, Remove included', async () => {
  await new CaScreen(page).open();
  await new CaScreen(page).createRoot('numeric-ca');
  const wizard = new IssuanceWizard(page);
  await wizard.open();
  await wizard.fillUpToSubject({ cn: 'user-service' });
  await page.getByRole('button', { name: 'Add CN as DNS SAN' }).click();
  // The button is gone; focus lands on the row it added instead of falling to the page.
  await expect(page.getByRole('button', { name: 'Add CN as DNS SAN' })).toBeHidden();
  await expect(wizard.sanValue(1)).toBeFocused();
  await expect(wizard.sanValue(1)).toHaveValue('user-service');

  await page.getByRole('button', { name: 'Paste many…' }).click();
  await page
    .getByRole('textbox', { name: 'Paste SANs' })
    .fill('api.internal 10.0.0.7 999.1.1.1 ops@example.org');
  const preview = page.getByRole('list', { name: 'Pasted SANs as they will be added' });
  await expect(preview.getByRole('listitem')).toHaveText([
    'DNS api.internal',
    'IP 10.0.0.7',
    /^DNS 999\.1\.1\.1 — DNS:999\.1\.1\.1 ends in the all-digit label/,
    'Email ops@example.org',
  ]);
  await page.getByRole('button', { name: 'Add pasted SANs' }).click();
  // Focus goes to the first pasted row that needs fixing: the numeric "host name".
  await expect(wizard.sanValue(4)).toBeFocused();
  await expect(wizard.sanValue(4)).toHaveAccessibleDescription(
    /DNS:999\.1\.1\.1 ends in the all-digit label "1"/,
  );
  await expect(page.getByRole('button', { name: 'Change SAN 4 to IP' })).toHaveCount(0);
  await expect(wizard.next).toBeDisabled();

  // A valid address typed into a DNS row is refused too, with a one-click fix.
  await wizard.sanValue(4).fill('10.0.0.8');
  await expect(wizard.sanValue(4)).toHaveAccessibleDescription(/is an IP address: add it as an IP SAN/);
  await page.getByRole('button', { name: 'Change SAN 4 to IP' }).click();
  await expect(wizard.sanType(4)).toHaveValue('ip');
  await expect(wizard.sanValue(4)).toBeFocused();
  await expect(wizard.next).toBeEnabled();
  await shoot('issue-san-classified');

  // "Remove" takes its own row away: focus goes to the row that took its place, to the row above when it
  // was the last, and to "Add SAN" when no row is left, never to the page body.
  const values = page.getByRole('textbox', { name: /^SAN \d+ value$/ });
  const expectValues = (want: string[]): Promise<void> =>
    expect
      .poll(() => values.evaluateAll((els) => els.map((el) => (el as HTMLInputElement).value)))
      .toEqual(want);
  await expectValues(['user-service', 'api.internal', '10.0.0.7', '10.0.0.8', 'ops@example.org']);
  await page.getByRole('button', { name: 'Remove SAN 2' }).click();
  await expectValues(['user-service', '10.0.0.7', '10.0.0.8', 'ops@example.org']);
  await expect(wizard.sanValue(2)).toBeFocused();
  await page.getByRole('button', { name: 'Remove SAN 4' }).click();
  await expectValues(['user-service', '10.0.0.7', '10.0.0.8']);
  await expect(wizard.sanValue(3)).toBeFocused();
  await page.getByRole('button', { name: 'Remove SAN 3' }).click();
  await page.getByRole('button', { name: 'Remove SAN 2' }).click();
  await expect(wizard.sanValue(1)).toBeFocused();
  await page.getByRole('button', { name: 'Remove SAN 1' }).click();
  await expect(values).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Add SAN', exact: true })).toBeFocused();
});

test('a CSR made with openssl is read, its signature shown, its names edited, and signed', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'certdesk-csr-'));
  try {
    execFileSync(
      'openssl',
      [
        'req',
        '-new',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        path.join(dir, 'k.pem'),
        '-out',
        path.join(dir, 'r.csr'),
        '-subj',
        '/CN=orders-service/O=Acme',
        '-addext',
        'subjectAltName=DNS:orders-service,DNS:orders.internal',
      ],
      { stdio: 'ignore' },
    );
    const csrPem = readFileSync(path.join(dir, 'r.csr'), 'utf8');

    await new CaScreen(page).open();
    await new CaScreen(page).createRoot('mygrpc-ca');
    const wizard = new IssuanceWizard(page);
    await wizard.open();
    await wizard.fillUpToSubject({ cn: 'placeholder', addCnAsDns: true });
    await wizard.nextTo('Key');
    await page.getByRole('radio', { name: /^Sign a CSR/ }).check();
    await expect(wizard.next).toBeDisabled();
    await page.getByRole('textbox', { name: 'CSR (PEM)' }).fill(csrPem);
    await page.getByRole('button', { name: 'Read CSR' }).click();
    await expect(page.getByRole('heading', { name: 'Requested in the CSR' })).toBeVisible();
    await expect(page.getByText('Valid: the requester holds the private key')).toBeVisible();
    await page.getByRole('button', { name: 'Use requested subject and SANs' }).click();
    await expect(page.getByRole('textbox', { name: 'Common name (CN)' })).toHaveValue('orders-service');
    await expect(page.getByRole('textbox', { name: 'Organization (O)' })).toHaveValue('Acme');
    // The operator trims the request: drop the second SAN.
    await expect(wizard.sanValue(2)).toHaveValue('orders.internal');
    await page.getByRole('button', { name: 'Remove SAN 2' }).click();
    await shoot('issue-csr');
    await wizard.nextTo('Validity');
    await page.getByRole('radio', { name: '90 days', exact: true }).check();
    await wizard.nextTo('Review');
    await expect(page.getByText(/CertDesk signs the CSR only/)).toBeVisible();
    await wizard.issueButton.click();
    await expect(page.getByRole('heading', { name: 'Issued orders-service' })).toBeVisible({
      timeout: 60_000,
    });
    await expect(page.getByText('DNS:orders-service', { exact: true })).toBeVisible();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('an RSA 4096 key shows an indeterminate progress bar while main generates it, then the result', async () => {
  await new CaScreen(page).open();
  await new CaScreen(page).createRoot('mygrpc-ca');
  const wizard = new IssuanceWizard(page);
  await wizard.open();
  await wizard.fillUpToSubject({ cn: 'legacy-service', addCnAsDns: true });
  await wizard.nextTo('Key');
  await page.getByRole('combobox', { name: 'Key algorithm' }).selectOption('rsa-4096');
  await expect(page.getByText(/RSA 4096 key takes a few seconds/)).toBeVisible();
  await wizard.nextTo('Validity');
  await page.getByRole('radio', { name: '30 days', exact: true }).check();
  await wizard.nextTo('Review');
  await expect(page.getByRole('heading', { name: 'Summary' })).toBeVisible();
  await wizard.issueButton.click();
  const progress = page.getByRole('progressbar', { name: 'Issuing certificate' });
  await expect(progress).toBeVisible();
  await expect(progress).toHaveAttribute('aria-busy', 'true');
  await expect(page.getByRole('region', { name: 'Issue certificate' })).toHaveAttribute('aria-busy', 'true');
  await shoot('issue-progress');
  await expect(page.getByRole('heading', { name: 'Issued legacy-service' })).toBeVisible({ timeout: 60_000 });
  await expect(progress).toBeHidden();
});

test('the default validity is clamped to a short-lived CA with a visible note, and an explicit longer one is refused with the reason', async () => {
  const ca = new CaScreen(page);
  await ca.open();
  await page.getByRole('button', { name: 'Create root CA' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create root CA' });
  await dialog.getByRole('textbox', { name: 'Common name (CN)' }).fill('short-ca');
  await dialog.getByRole('textbox', { name: 'Validity (days)' }).fill('100');
  await dialog.getByRole('button', { name: 'Create root CA' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Issue a certificate from short-ca' }).click();

  const wizard = new IssuanceWizard(page);
  await expect(wizard.heading).toBeVisible();
  await expect(page.getByRole('radio', { name: /^short-ca/ })).toBeChecked();
  await wizard.fillUpToSubject({ cn: 'user-service', addCnAsDns: true });
  await wizard.nextTo('Key');
  await wizard.nextTo('Validity');
  await expect(page.getByRole('note')).toContainText("Validity shortened to the issuing CA's notAfter");
  await shoot('issue-validity-clamped');
  await page.getByRole('radio', { name: '1 year', exact: true }).check();
  await expect(
    page.getByRole('alert').filter({ hasText: /is after the issuing CA's notAfter/ }),
  ).toBeVisible();
  await expect(wizard.next).toBeDisabled();
  await page.getByRole('radio', { name: '30 days', exact: true }).check();
  await expect(wizard.next).toBeEnabled();
  await expect(page.getByRole('note')).toHaveCount(0);
});
