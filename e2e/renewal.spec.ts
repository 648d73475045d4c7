import { expect, test, type Page } from '@playwright/test';
import { launchApp, type LaunchedApp } from './harness';
import { AppPage } from './pages/app-page';
import { seriousViolations } from './pages/axe';
import { createRootCa, issueLeaf, type PageGlobal } from './pages/bridge-setup';
import { InspectorPage, InventoryPage } from './pages/inventory-page';
import { saveScreenshot } from './screenshots';

const PASS = 'correct horse battery staple';

let app: LaunchedApp;
let page: Page;
let ui: AppPage;

test.beforeAll(async () => {
  app = await launchApp();
  page = app.page;
  ui = new AppPage(page);
  await ui.createVault(PASS);
  await ui.expectUnlocked();
  const ca = await createRootCa(page, 'Renewal Root CA');
  await issueLeaf(page, { caId: ca.id, cn: 'kept-svc', days: 100 });
  await issueLeaf(page, { caId: ca.id, cn: 'retired-svc', days: 100 });
});
test.afterAll(async () => app.close());

const result = (): ReturnType<Page['getByRole']> => page.getByRole('region', { name: /^Renewed / });
const revokeOld = (): ReturnType<Page['getByRole']> =>
  page.getByRole('checkbox', { name: 'Revoke the old certificate (superseded)' });

async function renew(cn: string): Promise<void> {
  const inv = new InventoryPage(page);
  await ui.go('Certificates');
  await inv.row(cn).getByRole('button', { name: cn, exact: true }).click();
  await new InspectorPage(page).action('Renew').click();
  await expect(result()).toHaveAccessibleName(`Renewed ${cn}`);
}

test('kept after renewal, the old certificate is "Renewed": the status filter finds exactly it', async () => {
  await renew('kept-svc');
  await expect(revokeOld()).toBeChecked();
  await revokeOld().uncheck();
  await result().getByRole('button', { name: 'Keep old and close' }).click();
  await expect(result()).toHaveCount(0);

  const inv = new InventoryPage(page);
  await ui.go('Certificates');
  await inv.status().selectOption({ label: 'Renewed' });
  await expect(inv.rows()).toHaveCount(1);
  await expect(inv.row('kept-svc')).toContainText('Renewed');
  await inv.status().selectOption({ label: 'Valid' });
  // the successor is valid; the old one is not listed as valid any more
  await expect(inv.rows().filter({ hasText: 'kept-svc' })).toHaveCount(1);
  await inv.status().selectOption({ label: 'All statuses' });
});

test('the renewal result revokes the old certificate as superseded by default (audited)', async () => {
  await renew('retired-svc');
  // Serials read as everywhere else: upper-case bytes with colons, wrapping between bytes inside the toast.
  const renewed = ui.toast(/Renewed retired-svc: new serial ([0-9A-F]{2}:)+[0-9A-F]{2}$/);
  await expect(renewed).toBeVisible();
  const [text, list] = [await renewed.boundingBox(), await page.getByLabel('Notifications').boundingBox()];
  expect(text!.x + text!.width).toBeLessThanOrEqual(list!.x + list!.width);
  await expect(revokeOld()).toBeChecked();
  // The result stays up wherever the operator goes until it is settled.
  await ui.go('Dashboard');
  await expect(result()).toBeVisible();
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(page, `renewal-result-${scheme}`);
    expect(await seriousViolations(page, scheme)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await result().getByRole('button', { name: 'Revoke old and close' }).click();
  await expect(
    ui.toast(/Revoked the old retired-svc \(serial ([0-9A-F]{2}:)+[0-9A-F]{2}\) as superseded/),
  ).toBeVisible();
  await expect(result()).toHaveCount(0);
  // Closing removed the pressed button with its panel: focus moves to the content area, not the page body.
  await expect(page.getByRole('main')).toBeFocused();

  const inv = new InventoryPage(page);
  await ui.go('Certificates');
  await inv.status().selectOption({ label: 'Revoked' });
  await expect(inv.rows()).toHaveCount(1);
  await expect(inv.row('retired-svc')).toContainText('Revoked');
  const audit = await page.evaluate(async () => {
    const r = await (globalThis as unknown as PageGlobal).certdesk.audit.list({ operation: 'certs.revoke' });
    return r.ok ? r.value.map((e) => `${e.outcome} ${e.detail ?? ''} ${e.subject ?? ''}`) : [];
  });
  expect(audit).toEqual(['ok superseded CN=retired-svc']);
  await inv.status().selectOption({ label: 'All statuses' });
});
