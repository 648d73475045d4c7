import { expect, test, type Page } from '@playwright/test';
import type { CertSummary } from '../shared/domain/types';
import { launchApp, type LaunchedApp } from './harness';
import { AppPage } from './pages/app-page';
import { seriousViolations } from './pages/axe';
import { createRootCa, issueLeaf, type PageGlobal } from './pages/bridge-setup';
import { syncRendererClock } from './pages/clock';
import { InspectorPage, InventoryPage } from './pages/inventory-page';
import { saveScreenshot } from './screenshots';

const PASS = 'correct horse battery staple';
const NOW = new Date('2031-03-01T08:00:00Z');

let app: LaunchedApp;
let page: Page;
let ui: AppPage;
let certs: Record<string, CertSummary>;

test.beforeAll(async () => {
  app = await launchApp({ now: NOW });
  page = app.page;
  await syncRendererClock(page, NOW);
  ui = new AppPage(page);
  await ui.createVault(PASS);
  await ui.expectUnlocked();
  const root = await createRootCa(page, 'Acme Root CA');
  const lab = await createRootCa(page, 'Lab Root CA');
  certs = {
    root,
    lab,
    user: await issueLeaf(page, {
      caId: root.id,
      cn: 'user-service',
      days: 200,
      sans: [
        { type: 'dns', value: 'user-service' },
        { type: 'ip', value: '10.0.0.5' },
      ],
    }),
    billing: await issueLeaf(page, {
      caId: root.id,
      cn: 'billing-service',
      days: 20,
      profile: 'client',
      sans: [{ type: 'uri', value: 'spiffe://acme.internal/billing' }],
    }),
    labSvc: await issueLeaf(page, { caId: lab.id, cn: 'lab-gateway', days: 90, profile: 'service' }),
  };
});
test.afterAll(async () => app.close());

test('the inventory lists CAs and leaves and searches by CN, SAN, serial and fingerprint', async () => {
  const inv = new InventoryPage(page);
  await ui.go('Certificates');
  await expect(inv.rows()).toHaveCount(5);
  await expect(inv.row('billing-service')).toContainText('Expiring');
  await expect(inv.row('billing-service')).toContainText('spiffe://acme.internal/billing');
  await expect(inv.row('user-service')).toContainText('TLS server');
  await expect(inv.row('user-service')).toContainText('200');
  await saveScreenshot(page, 'inventory-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, 'inventory-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await inv.search().fill('10.0.0.5');
  await expect(inv.rows()).toHaveCount(1);
  await expect(inv.row('user-service')).toBeVisible();
  await expect(inv.count()).toHaveText('1 of 5 certificates');

  const serial = certs.billing!.serial;
  await inv.search().fill(serial.replace(/(..)(?=.)/g, '$1:').toUpperCase());
  await expect(inv.rows()).toHaveCount(1);
  await expect(inv.row('billing-service')).toBeVisible();

  await inv.search().fill(certs.labSvc!.sha256.slice(0, 12));
  await expect(inv.row('lab-gateway')).toBeVisible();
  await expect(inv.rows()).toHaveCount(1);

  await inv.search().fill('no-such-service');
  await expect(page.getByRole('heading', { name: 'No certificate matches' })).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).first().click();
  await expect(inv.rows()).toHaveCount(5);

  // Ctrl+F from anywhere lands in the search box.
  await ui.go('Dashboard');
  await page.keyboard.press('Control+f');
  await expect(inv.search()).toBeFocused();
});

test('the inventory filters by status, issuer and profile and sorts by column', async () => {
  const inv = new InventoryPage(page);
  await ui.go('Certificates');
  await inv.status().selectOption('expiring');
  await expect(inv.rows()).toHaveCount(1);
  await expect(inv.row('billing-service')).toBeVisible();
  await inv.status().selectOption('');

  await inv.issuer().selectOption({ label: 'Lab Root CA' });
  await expect(inv.rows()).toHaveCount(1);
  await expect(inv.row('lab-gateway')).toBeVisible();
  await inv.issuer().selectOption('');

  await inv.profile().selectOption({ label: 'TLS client' });
  await expect(inv.rows()).toHaveCount(1);
  await inv.profile().selectOption('');

  await inv.sortBy().selectOption({ label: 'Common name' });
  await expect
    .poll(() => inv.cnOrder())
    .toEqual(['Acme Root CA', 'billing-service', 'Lab Root CA', 'lab-gateway', 'user-service']);
  await inv.sortOrder().click();
  await expect
    .poll(() => inv.cnOrder())
    .toEqual(['user-service', 'lab-gateway', 'Lab Root CA', 'billing-service', 'Acme Root CA']);
  // Column headers sort too: Days left ascending puts the soonest expiry first.
  await page
    .getByRole('columnheader', { name: /Days left/ })
    .getByRole('button')
    .click();
  await expect.poll(async () => (await inv.cnOrder())[0]).toBe('billing-service');

  await inv.hierarchyTab().click();
  const tree = inv.hierarchy();
  await expect(tree).toBeVisible();
  await expect(tree.getByRole('listitem').filter({ hasText: 'Acme Root CA' }).first()).toContainText(
    'user-service',
  );
  await expect(tree.getByRole('listitem').filter({ hasText: 'Lab Root CA' }).first()).toContainText(
    'lab-gateway',
  );
  await saveScreenshot(page, 'inventory-hierarchy-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, 'inventory-hierarchy-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.getByRole('tab', { name: 'List' }).click();
});

test('opening a row shows the detail inspector with fields, fingerprints, chain, lint, PEM and actions; copies give the exact PEM, serial, fingerprint and ISO date', async () => {
  const inv = new InventoryPage(page);
  const insp = new InspectorPage(page);
  await ui.go('Certificates');
  await inv.row('user-service').getByRole('button', { name: 'user-service' }).click();
  await expect(insp.heading('user-service')).toBeVisible();
  await expect(insp.fields()).toContainText('CN=user-service');
  await expect(page.getByLabel('SHA-256 fingerprint', { exact: true })).toContainText(
    certs.user!.sha256.toUpperCase().replace(/(..)(?=.)/g, '$1:'),
  );
  await expect(page.getByRole('button', { name: 'Copy SHA-256 fingerprint' })).toBeVisible();
  await expect(page.getByLabel('SPKI SHA-256 pin')).toHaveText(/^[A-Za-z0-9+/]{43}=$/);
  await expect(insp.extensions()).toContainText('IP:10.0.0.5');
  await expect(insp.chain()).toContainText('Chain verified');
  await expect(insp.chain().getByRole('listitem').filter({ hasText: 'Acme Root CA' }).first()).toBeVisible();
  // main quotes instants in ISO; the chain shows them in the one local format with the zone, ISO on hover
  await expect(insp.chain()).not.toContainText(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
  const validUntil = insp
    .chain()
    .getByRole('listitem')
    .filter({ hasText: /^valid until / })
    .first();
  await expect(validUntil).toHaveText(/^valid until \d{4}-\d\d-\d\d \d\d:\d\d \S+$/);
  await expect(validUntil.locator('time')).toHaveAttribute('title', /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  await expect(insp.lint()).toBeVisible();
  await expect(insp.pem()).toContainText('-----BEGIN CERTIFICATE-----');
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write']);
  await insp.copyPem().click();
  await expect(ui.toast(/copied to the clipboard/)).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('-----BEGIN CERTIFICATE-----');
  // Serials and fingerprints copy exactly the form shown: upper-case bytes joined by colons.
  const colonHex = (hex: string): string =>
    (hex.length % 2 ? `0${hex}` : hex).toUpperCase().replace(/(..)(?=.)/g, '$1:');
  for (const [label, hex] of [
    ['Serial', certs.user!.serial],
    ['SHA-256 fingerprint', certs.user!.sha256],
  ] as const) {
    await page.getByRole('button', { name: `Copy ${label}` }).click();
    await expect(ui.toast(`${label} copied to the clipboard`)).toBeVisible();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(colonHex(hex));
  }
  // A date copied as text (selected, Ctrl+C) is the exact ISO instant, not the local form shown.
  const notAfterIso = new Date(certs.user!.notAfter).toISOString().replace('.000Z', 'Z');
  const notAfter = insp.fields().locator(`time[datetime="${notAfterIso}"]`);
  await expect(notAfter).toHaveText(/^\d{4}-\d\d-\d\d \d\d:\d\d \S+$/);
  await notAfter.selectText();
  await page.keyboard.press('Control+C');
  await expect.poll(() => page.evaluate(() => navigator.clipboard.readText())).toBe(notAfterIso);
  expect(await seriousViolations(page, 'light')).toEqual([]);
  await saveScreenshot(page, 'inspector-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  expect(await seriousViolations(page, 'dark')).toEqual([]);
  await saveScreenshot(page, 'inspector-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await insp.action('Export…').click();
  await expect(page.getByRole('dialog')).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog')).toHaveCount(0);
  await expect(insp.action('Export…')).toBeFocused();

  await insp.action('Renew').click();
  await expect(ui.toast(/Renewed user-service/)).toBeVisible();
  await expect(insp.lineage()).toContainText('(this certificate)');
  await expect(insp.lineage().getByRole('button')).toHaveCount(1);

  await insp.back().click();
  await expect(inv.table()).toBeVisible();
});

test('ten thousand certificates stay virtualized: few rows in the DOM, search and scrolling still work', async () => {
  test.setTimeout(600_000);
  const big = await launchApp();
  try {
    const p = big.page;
    const u = new AppPage(p);
    const inv = new InventoryPage(p);
    await expect(u.ready()).toBeVisible();
    await u.createVault(PASS);
    await u.expectUnlocked();
    const ca = await createRootCa(p, 'Scale Root CA');
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `svc-${String(i).padStart(5, '0')},server,DNS:svc-${i}.internal,ec-p256,${30 + (i % 700)}`,
    );
    const started = Date.now();
    const result = await p.evaluate(
      async ({ caId, manifest }) => {
        const r = await (globalThis as unknown as PageGlobal).certdesk.batch.issue({
          caId,
          manifest,
          batchId: 'scale-e2e',
        });
        if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
        return r.value;
      },
      { caId: ca.id, manifest: ['name,profile,sans,key,days', ...rows].join('\n') },
    );
    console.log(
      `batch:issue of 10,000 took ${Date.now() - started} ms`,
      JSON.stringify(result).slice(0, 200),
    );

    await u.go('Certificates');
    await expect(inv.count()).toHaveText('10001 certificates', { timeout: 60_000 });
    const domRows = await inv.rows().count();
    expect(domRows).toBeGreaterThan(5);
    expect(domRows).toBeLessThan(80);

    await inv.search().fill('svc-09999');
    await expect(inv.rows()).toHaveCount(1);
    await inv.search().fill('');
    await inv.sortBy().selectOption({ label: 'Common name' });
    await p
      .getByRole('table', { name: 'Certificates' })
      .locator('.vgrid-body')
      .evaluate((el) => el.scrollTo(0, el.scrollHeight));
    await expect(inv.row('svc-09999')).toBeVisible();
    expect(await inv.rows().count()).toBeLessThan(80);
    await saveScreenshot(p, 'inventory-10k-light');

    // The hierarchy starts with the 10,000-leaf CA collapsed: one row, its leaves not rendered.
    await inv.hierarchyTab().click();
    await expect(inv.hierarchy()).toContainText('10000 issued');
    expect(await inv.hierarchy().getByRole('listitem').count()).toBe(1);
  } finally {
    await big.close();
  }
});

test('a CA opened in the inspector shows its CRL panel and no Renew action', async () => {
  const inv = new InventoryPage(page);
  const insp = new InspectorPage(page);
  await ui.go('Certificates');
  await inv.row('Acme Root CA').getByRole('button', { name: 'Acme Root CA' }).click();
  await expect(insp.heading('Acme Root CA')).toBeVisible();
  await expect(insp.fields()).toContainText('Yes');
  await expect(insp.action('Renew')).toHaveCount(0);
  await expect(page.getByRole('region', { name: 'Certificate revocation list' })).toBeVisible();
  await saveScreenshot(page, 'inspector-ca-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, 'inspector-ca-dark');
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');
  await expect(inv.table()).toBeVisible();
});

test('opening a certificate moves focus to its name; Back or Escape returns it to the row it came from, in the list and the hierarchy', async () => {
  const inv = new InventoryPage(page);
  const insp = new InspectorPage(page);
  await ui.go('Certificates');
  const name = inv.row('lab-gateway').getByRole('button', { name: 'lab-gateway', exact: true });
  await name.click();
  await expect(insp.heading('lab-gateway')).toBeFocused();
  await insp.back().click();
  await expect(name).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(insp.heading('lab-gateway')).toBeFocused();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(page, `inspector-focused-heading-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.keyboard.press('Escape');
  await expect(name).toBeFocused();

  await inv.hierarchyTab().click();
  const node = inv.hierarchy().getByRole('button', { name: 'lab-gateway', exact: true });
  await node.click();
  await expect(insp.heading('lab-gateway')).toBeFocused();
  await insp.back().click();
  await expect(node).toBeFocused();
  await page.getByRole('tab', { name: 'List' }).click();
});
