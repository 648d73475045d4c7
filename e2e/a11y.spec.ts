import { expect, test } from '@playwright/test';
import { launchApp } from './harness';
import { AppPage, MAIN_SCREENS } from './pages/app-page';
import { seriousViolations } from './pages/axe';
import { createRootCa, issueLeaf } from './pages/bridge-setup';

const PASS = 'correct horse battery staple';

test('every main screen, the vault gate and the shortcuts dialog have no serious axe violations, light and dark', async () => {
  // About 2 s of axe per screen on an idle 2-core machine (several times that on a loaded one), many screens.
  test.setTimeout(420_000);
  const app = await launchApp();
  try {
    const { page } = app;
    const ui = new AppPage(page);
    await expect(ui.gateHeading()).toBeVisible();
    const found: string[] = [];
    const audit = async (screen: string): Promise<void> => {
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        for (const v of await seriousViolations(page, scheme)) found.push(`${screen} ${scheme}: ${v}`);
      }
    };
    await audit('vault gate');
    await ui.createVault(PASS);
    await ui.expectUnlocked();
    const ca = await createRootCa(page, 'Axe Root CA');
    await issueLeaf(page, { caId: ca.id, cn: 'axe-svc', days: 10 });
    await issueLeaf(page, { caId: ca.id, cn: 'axe-old', days: 200 });
    for (const screen of MAIN_SCREENS) {
      await ui.go(screen);
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      await audit(screen);
    }
    await ui.go('Certificates');
    await page.getByRole('tab', { name: 'Hierarchy' }).click();
    await audit('Certificates hierarchy');
    await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
    await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
    await audit('Shortcuts dialog');
    expect(found).toEqual([]);
  } finally {
    await app.close();
  }
});
