import { expect, test } from '@playwright/test';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchApp } from './harness';
import { AppPage } from './pages/app-page';
import { createRootCa, issueLeaf, type PageGlobal } from './pages/bridge-setup';
import { syncRendererClock } from './pages/clock';
import { DashboardPage } from './pages/dashboard-page';
import { InventoryPage } from './pages/inventory-page';
import { leftEdgeContrast } from './pages/contrast';
import { saveScreenshot } from './screenshots';

const PASS = 'correct horse battery staple';
const T0 = new Date('2030-01-01T09:00:00Z');
const DAY = 86_400_000;

test('the dashboard counts statuses, highlights expiring certificates by threshold and follows the clock', async () => {
  const vaultPath = path.join(mkdtempSync(path.join(tmpdir(), 'certdesk-dash-')), 'vault.certdesk');

  const first = await launchApp({ vaultPath, now: T0 });
  try {
    const { page } = first;
    await syncRendererClock(page, T0);
    const ui = new AppPage(page);
    const dash = new DashboardPage(page);
    await ui.createVault(PASS);
    await ui.expectUnlocked();
    const ca = await createRootCa(page, 'Acme Root CA');
    for (const [cn, days] of [
      ['critical-svc', 5],
      ['warning-svc', 20],
      ['notice-svc', 60],
      ['healthy-svc', 200],
    ] as const) {
      await issueLeaf(page, { caId: ca.id, cn, days });
    }
    // Valid: the CA, notice-svc (60 d) and healthy-svc; expiring (< 30 d): critical-svc and warning-svc.
    await expect(dash.count('Valid')).toHaveAccessibleName('Valid: 3');
    await expect(dash.count('Expiring')).toHaveAccessibleName('Expiring: 2');
    await expect(dash.count('Expired')).toHaveAccessibleName('Expired: 0');
    await expect(dash.expiringRow('critical-svc')).toHaveAttribute('data-urgency', 'critical');
    await expect(dash.expiringRow('warning-svc')).toHaveAttribute('data-urgency', 'warning');
    // notice-svc (60 d) is not Expiring on the cards, so not in the list either: both use the same thresholds.
    await expect(dash.expiringRow('notice-svc')).toHaveCount(0);
    await expect(dash.expiringRow('healthy-svc')).toHaveCount(0);
    // notice-svc is inside the 90-day notice horizon: counted after the list, as due later.
    await expect(dash.laterLine()).toHaveText(
      'Later: 1 more certificate expires within 90 days. Show all 1 expiring later',
    );
    await expect(dash.urgencyGroups().getByRole('listitem')).toHaveText([
      'Expired 0',
      'Critical 1',
      'Warning 1',
    ]);
    await expect(dash.timelineChart()).toHaveAccessibleName(
      /4 certificates from 1 CA; busiest month Jan 2030 with 2/,
    );
    await page.getByText('Show as table').click();
    await expect(dash.timelineTable().getByRole('row', { name: /Mar 2030/ })).toContainText('1');
    await expect(dash.caHealth()).toContainText('Acme Root CA');
    await expect(dash.caHealth()).toContainText('No CRL yet');
    // The default CRL lifetime (settings: 7 days) makes it stale by the second launch below.
    await page.getByRole('button', { name: 'Generate CRL for Acme Root CA' }).click();
    await expect(dash.caHealth().getByRole('row', { name: /Acme Root CA/ })).toContainText('Current');
    await expect(dash.recentActivity()).toContainText('certs.issue');
    await saveScreenshot(page, 'dashboard-light', { dismissToasts: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'dashboard-dark', { dismissToasts: true });
    // "Show all" opens Certificates filtered to what the card counts.
    await page.getByRole('button', { name: 'Show all 2 expiring' }).click();
    await expect(page.getByRole('status', { name: 'Result count' })).toHaveText('2 of 5 certificates');
    // "Later" opens Certificates showing exactly the certificates it counted.
    await ui.go('Dashboard');
    await dash.showLater('1').click();
    const inv = new InventoryPage(page);
    await expect(inv.count()).toHaveText('1 of 5 certificates');
    await expect(inv.status()).toHaveValue('later');
    await expect(inv.rows()).toHaveCount(1);
    await expect(inv.row('notice-svc')).toHaveCount(1);
  } finally {
    await first.close();
  }
  // Closing locked the vault, which kept each certificate's verdict beside it: the next session starts from
  // them, and must still see what the clock changed since.
  expect(existsSync(`${vaultPath}.verdicts`)).toBe(true);

  // Fifteen days later: critical-svc has expired, warning-svc (5 days left) is inside the critical band.
  const later = new Date(T0.getTime() + 15 * DAY);
  const second = await launchApp({ vaultPath, now: later });
  try {
    const { page } = second;
    await syncRendererClock(page, later);
    const ui = new AppPage(page);
    const dash = new DashboardPage(page);
    await ui.unlock(PASS);
    await ui.expectUnlocked();
    await expect(dash.count('Expired')).toHaveAccessibleName('Expired: 1');
    await expect(dash.count('Expiring')).toHaveAccessibleName('Expiring: 1');
    await expect(dash.expiringRow('critical-svc')).toHaveAttribute('data-urgency', 'expired');
    await expect(dash.expiringRow('warning-svc')).toHaveAttribute('data-urgency', 'critical');
    // The 7-day CRL generated at T0 is stale now: CA health flags it.
    await expect(dash.caHealth().getByRole('row', { name: /Acme Root CA/ })).toContainText('Overdue');
    await page.getByRole('button', { name: 'Generate CRL for Acme Root CA' }).click();
    await expect(ui.toast(/CRL #2 generated/)).toBeVisible();
    await expect(dash.caHealth().getByRole('row', { name: /Acme Root CA/ })).toContainText('Current');

    // One click from the warning to a renewed certificate.
    await dash.renewButton('warning-svc').click();
    await expect(ui.toast(/Renewed warning-svc/)).toBeVisible();
    // The pressed Renew button left with its row: focus is on the renewal result, not the page body.
    await expect(page.getByRole('heading', { name: 'Renewed warning-svc' })).toBeFocused();
    // The renewal keeps the 20-day lifetime: the list now shows only the new certificate, in the warning band.
    await expect(dash.expiringRow('warning-svc')).toHaveCount(1);
    await expect(dash.expiringRow('warning-svc')).toHaveAttribute('data-urgency', 'warning');
    // The superseded certificate is "renewed", not a second expiring one.
    await expect(dash.count('Expiring')).toHaveAccessibleName('Expiring: 1');
    await expect(dash.count('Renewed')).toHaveAccessibleName('Renewed: 1');
    await saveScreenshot(page, 'dashboard-after-renew-light', { dismissToasts: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    // The Renewed card's edge must be visible on the dark card too, not a grey that melts into it.
    for (const label of ['Valid', 'Expiring', 'Expired', 'Revoked', 'Renewed'] as const) {
      expect(await leftEdgeContrast(dash.card(label)), `${label} card edge, dark`).toBeGreaterThanOrEqual(3);
    }
    await saveScreenshot(page, 'dashboard-after-renew-dark', { dismissToasts: true });
  } finally {
    await second.close();
  }
});

test('an empty vault shows a dashboard that says what to do next', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    const ui = new AppPage(page);
    await expect(ui.ready()).toBeVisible();
    await ui.createVault(PASS);
    await expect(page.getByRole('heading', { name: 'No certificates yet' })).toBeVisible();
    await page.getByRole('button', { name: 'Create a CA' }).click();
    await expect(ui.navButton('Authorities')).toHaveAttribute('aria-current', 'page');
    await page.keyboard.press('Control+1');
    await saveScreenshot(page, 'dashboard-empty-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'dashboard-empty-dark');
  } finally {
    await app.close();
  }
});

test('at 10,000 certificates the dashboard stays bounded: cards and urgency counts agree, the list shows the most urgent few, Show all opens the rest', async () => {
  test.setTimeout(600_000);
  const app = await launchApp({ now: T0 });
  try {
    const { page } = app;
    await syncRendererClock(page, T0);
    const ui = new AppPage(page);
    const dash = new DashboardPage(page);
    await ui.createVault(PASS);
    await ui.expectUnlocked();
    const ca = await createRootCa(page, 'Scale Root CA');
    // Every tenth certificate is critical (3 days), two in ten are warnings (20 days), the rest valid (200).
    const days = (i: number): number => (i % 10 === 0 ? 3 : i % 10 <= 2 ? 20 : 200);
    const rows = Array.from(
      { length: 10_000 },
      (_, i) => `svc-${String(i).padStart(5, '0')},server,DNS:svc-${i}.internal,ec-p256,${days(i)}`,
    );
    const issued = await page.evaluate(
      async ({ caId, manifest }) => {
        const r = await (globalThis as unknown as PageGlobal).certdesk.batch.issue({
          caId,
          manifest,
          batchId: 'dashboard-10k',
        });
        if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
        return r.value.issued;
      },
      { caId: ca.id, manifest: ['name,profile,sans,key,days', ...rows].join('\n') },
    );
    expect(issued).toBe(10_000);

    await ui.go('Dashboard');
    await expect(dash.count('Valid')).toHaveAccessibleName('Valid: 7,001', { timeout: 60_000 });
    await expect(dash.count('Expiring')).toHaveAccessibleName('Expiring: 3,000');
    await expect(dash.count('Expired')).toHaveAccessibleName('Expired: 0');
    await expect(dash.urgencyGroups().getByRole('listitem')).toHaveText([
      'Expired 0',
      'Critical 1,000',
      'Warning 2,000',
    ]);
    // The most urgent eight rows and the header, not 3,000 rows.
    await expect(dash.expiringTable().getByRole('row')).toHaveCount(9);
    for (const row of await dash.expiringTable().locator('tbody').getByRole('row').all())
      await expect(row).toHaveAttribute('data-urgency', 'critical');
    await expect(dash.recentActivity()).toContainText('Batch: 10,000 certificates issued');
    const { height, viewport } = await page
      .locator('main')
      .evaluate((main) => ({ height: main.scrollHeight, viewport: window.innerHeight }));
    expect(height).toBeLessThanOrEqual(2 * viewport);
    await saveScreenshot(page, 'dashboard-10k-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'dashboard-10k-dark');
    await page.emulateMedia({ colorScheme: 'light' });

    await page.getByRole('button', { name: 'Show all 3,000 expiring' }).click();
    await expect(page.getByRole('status', { name: 'Result count' })).toHaveText('3000 of 10001 certificates');
  } finally {
    await app.close();
  }
});
