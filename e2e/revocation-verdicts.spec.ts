import { expect, test, type Page } from '@playwright/test';
import type { CertSummary } from '../shared/domain/types';
import { launchApp, type LaunchedApp } from './harness';
import { AppPage } from './pages/app-page';
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
});
test.afterAll(async () => app.close());

async function createIntermediate(p: Page, cn: string, parentId: string): Promise<CertSummary> {
  return p.evaluate(
    async ({ name, parent }) => {
      const r = await (globalThis as unknown as PageGlobal).certdesk.ca.create({
        subject: { cn: name },
        parentId: parent,
      });
      if (!r.ok) throw new Error(`ca:create ${r.error.code}: ${r.error.message}`);
      return r.value.summary;
    },
    { name: cn, parent: parentId },
  );
}

async function revokeInInspector(p: Page, cn: string, reason: string): Promise<void> {
  await new AppPage(p).go('Certificates');
  await new InventoryPage(p).row(cn).getByRole('button', { name: cn, exact: true }).click();
  await p.getByRole('button', { name: 'Revoke…' }).click();
  const dialog = p.getByRole('dialog', { name: `Revoke ${cn}` });
  await dialog.getByRole('combobox', { name: 'Reason' }).selectOption(reason);
  await dialog.getByRole('button', { name: 'Revoke certificate' }).click();
  await expect(dialog).toBeHidden();
}

test('a revoked certificate whose serial starts with a 00 octet shows revoked in its chain, never "not revoked"', async () => {
  const root = await createRootCa(page, 'Serial Root CA');
  let leaf: CertSummary | undefined;
  // about half of all random serials carry the leading 00; 40 tries all miss with odds of 2^-40
  for (let i = 0; i < 40 && !leaf; i++) {
    const issued = await issueLeaf(page, { caId: root.id, cn: `svc-${i}.internal`, days: 90 });
    if (issued.serial.startsWith('00')) leaf = issued;
  }
  expect(leaf, 'a serial with a leading 00 octet').toBeDefined();
  await revokeInInspector(page, leaf!.cn, 'keyCompromise');

  const insp = new InspectorPage(page);
  await expect(insp.heading(leaf!.cn)).toBeVisible();
  await expect(page.locator('.page-header .pill')).toHaveText('Revoked');
  const leafLink = insp.chain().getByRole('listitem').filter({ hasText: leaf!.cn }).first();
  await expect(leafLink).toContainText('✗ Fails');
  await expect(leafLink).toContainText(/revoked on .*keyCompromise/);
  await expect(insp.chain()).not.toContainText('not revoked');
  await saveScreenshot(page, 'inspector-revoked-leading-zero-light');
});

test('revoking an intermediate turns every certificate below it into "Invalid chain" in the list and inspector', async () => {
  const root = await createRootCa(page, 'Cascade Root CA');
  const inter = await createIntermediate(page, 'Cascade Issuing CA', root.id);
  await issueLeaf(page, { caId: inter.id, cn: 'orders.internal', days: 60 });
  const inv = new InventoryPage(page);
  await ui.go('Certificates');
  await expect(inv.row('orders.internal')).toContainText('Valid');

  await revokeInInspector(page, 'Cascade Issuing CA', 'cACompromise');
  await ui.go('Certificates');
  await expect(inv.row('orders.internal')).toContainText('Invalid chain');
  await expect(inv.row('orders.internal')).not.toContainText('Valid');
  await saveScreenshot(page, 'inventory-invalid-chain-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, 'inventory-invalid-chain-dark');
  await page.emulateMedia({ colorScheme: 'light' });

  await inv.row('orders.internal').getByRole('button', { name: 'orders.internal', exact: true }).click();
  const insp = new InspectorPage(page);
  await expect(insp.heading('orders.internal')).toBeVisible();
  await expect(page.locator('.page-header .pill')).toHaveText('Invalid chain');
  await expect(
    page.getByText(/chain fails: CA "CN=Cascade Issuing CA": revoked on .*cACompromise/),
  ).toBeVisible();
  const interLink = insp
    .chain()
    .getByRole('listitem')
    .filter({ has: page.getByRole('button', { name: 'CN=Cascade Issuing CA' }) });
  await expect(interLink).toContainText('✗ Fails');
  await saveScreenshot(page, 'inspector-invalid-chain-light');
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, 'inspector-invalid-chain-dark');
  await page.emulateMedia({ colorScheme: 'light' });
});
