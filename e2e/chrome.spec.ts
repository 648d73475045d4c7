import { expect, test } from '@playwright/test';
import { launchApp } from './harness';
import { AppPage } from './pages/app-page';
import { saveScreenshot } from './screenshots';

const PASS = 'correct horse battery staple';

test('the header with Lock and the side navigation stay on screen while a long page scrolls; a skip link jumps to the content', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    await page.setViewportSize({ width: 900, height: 600 });
    const ui = new AppPage(page);
    // The skip link is the first control in the Tab order and shows itself when focused.
    await expect(ui.gateHeading()).toBeVisible();
    const skip = page.getByRole('link', { name: 'Skip to content' });
    await expect(page.locator('a[href], button, input, select, textarea').first()).toHaveAccessibleName(
      'Skip to content',
    );
    await skip.focus();
    await expect(skip).toBeInViewport();
    await page.keyboard.press('Enter');
    await expect(page.getByRole('main')).toBeFocused();
    await ui.createVault(PASS);
    await ui.expectUnlocked();
    await ui.go('Settings');
    const main = page.getByRole('main');
    // The content area is the scroller; the window itself never scrolls.
    const overflow = await main.evaluate((el) => el.scrollHeight - el.clientHeight);
    expect(overflow).toBeGreaterThan(100);
    await main.hover();
    await page.mouse.wheel(0, 5000);
    await expect.poll(() => main.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    await expect(ui.lockButton()).toBeInViewport();
    await expect(ui.navButton('Dashboard')).toBeInViewport();
    // The window as it is, scrolled, without the "Vault created" notification over the content.
    await saveScreenshot(page, 'chrome-scrolled-settings', { viewport: true, dismissToasts: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'chrome-scrolled-settings-dark', { viewport: true });
    expect(await main.evaluate((el) => el.scrollTop)).toBeGreaterThan(100);
    await page.emulateMedia({ colorScheme: 'light' });
    await ui.lockButton().click();
    await expect(ui.unlockHeading()).toBeVisible();

    await ui.unlock(PASS);
    await ui.expectUnlocked();
    // Hints use the platform's notation (Ctrl+1 here, ⌘1 on macOS), never caret notation.
    await expect(ui.navButton('Dashboard')).toHaveAttribute('aria-keyshortcuts', 'Control+1');
    await expect(ui.nav().getByText('Ctrl+1')).toBeVisible();
  } finally {
    await app.close();
  }
});
