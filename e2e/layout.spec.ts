import { expect, test, type Page } from '@playwright/test';
import { launchApp } from './harness';
import { AppPage, MAIN_SCREENS } from './pages/app-page';
import { createRootCa, issueLeaf } from './pages/bridge-setup';
import { saveScreenshot } from './screenshots';

const PASS = 'correct horse battery staple';
/** Electron's minimum window for CertDesk, and a common laptop window. */
const SIZES = [
  { width: 900, height: 600 },
  { width: 1280, height: 800 },
] as const;

/**
 * How far the content area scrolls sideways, or a table sticks out of its panel or scrolls inside it
 * (0: everything fits).
 */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page
    .locator('main')
    .first()
    .evaluate((main) => {
      let worst = main.scrollWidth - main.clientWidth;
      for (const table of main.querySelectorAll('table, [role="table"]')) {
        const parent = table.parentElement;
        if (!parent) continue;
        worst = Math.max(
          worst,
          table.getBoundingClientRect().right - parent.getBoundingClientRect().right,
          parent.scrollWidth - parent.clientWidth,
        );
      }
      return Math.round(worst);
    });
}

test('every main screen fits 900×600 and 1280×800 without scrolling sideways, light and dark, with a screenshot of each', async () => {
  test.setTimeout(300_000);
  const app = await launchApp();
  try {
    const { page } = app;
    const ui = new AppPage(page);
    await ui.createVault(PASS);
    await ui.expectUnlocked();
    const ca = await createRootCa(page, 'Layout Root CA');
    await issueLeaf(page, {
      caId: ca.id,
      cn: 'user-service',
      days: 20,
      sans: [
        { type: 'dns', value: 'user-service.internal.example.com' },
        { type: 'ip', value: '10.0.0.7' },
      ],
    });
    await issueLeaf(page, { caId: ca.id, cn: 'billing-service', days: 200, profile: 'client' });
    const overflowing: string[] = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const screen of MAIN_SCREENS) {
        await ui.go(screen);
        await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
        const extra = await sidewaysOverflow(page);
        if (extra > 1) overflowing.push(`${screen} at ${size.width}×${size.height}: ${extra}px`);
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await saveScreenshot(page, `layout-${size.width}x${size.height}-${screen}-${scheme}`);
        }
      }
      await ui.go('Certificates');
      await page.getByRole('button', { name: 'user-service', exact: true }).click();
      await expect(page.getByRole('heading', { level: 2, name: /user-service/ })).toBeVisible();
      const extra = await sidewaysOverflow(page);
      if (extra > 1) overflowing.push(`Certificate details at ${size.width}×${size.height}: ${extra}px`);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await saveScreenshot(page, `layout-${size.width}x${size.height}-Certificate details-${scheme}`);
      }
    }
    expect(overflowing).toEqual([]);
  } finally {
    await app.close();
  }
});

test('at 900×600 the Certificates table keeps Not after and Days left and folds Profile and Issuer', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    const ui = new AppPage(page);
    await ui.createVault(PASS);
    await ui.expectUnlocked();
    const ca = await createRootCa(page, 'Fold Root CA');
    await issueLeaf(page, {
      caId: ca.id,
      cn: 'user-service',
      days: 20,
      sans: [{ type: 'ip', value: '10.0.0.7' }],
    });
    await ui.go('Certificates');
    const table = page.getByRole('table', { name: 'Certificates' });
    const header = (name: string) => table.getByRole('columnheader', { name: new RegExp(`^${name}`) });
    await expect(header('SANs')).toBeVisible();
    // A wide window shows every column, the SAN with its type.
    await page.setViewportSize({ width: 1400, height: 800 });
    for (const name of ['Status', 'Common name', 'SANs', 'Issuer', 'Profile', 'Not after', 'Days left'])
      await expect(header(name)).toBeVisible();
    const row = table.getByRole('row').filter({ hasText: 'user-service' });
    await expect(row.getByRole('cell').filter({ hasText: 'IP:10.0.0.7' })).toBeVisible();

    await page.setViewportSize({ width: 900, height: 600 });
    for (const name of ['Status', 'Common name', 'Not after', 'Days left']) {
      await expect(header(name)).toBeVisible();
      await expect(header(name)).toBeInViewport({ ratio: 1 });
    }
    for (const name of ['Profile', 'Issuer']) await expect(header(name)).toBeHidden();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(1);
  } finally {
    await app.close();
  }
});
