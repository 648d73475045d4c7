import { expect, test } from '@playwright/test';
import { launchApp } from './harness';
import { saveScreenshot } from './screenshots';

test('the shell shows the app version, platform and an empty state inviting to create or open a vault', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
    await expect(page.getByRole('heading', { name: 'CertDesk', level: 1 })).toBeVisible();
    await expect(page.getByLabel('Application version')).toContainText(process.platform);
    await expect(page.getByRole('heading', { name: 'Create or open a vault' })).toBeVisible();
    await expect(page).toHaveTitle(/^CertDesk \d+\.\d+\.\d+/);
    await saveScreenshot(page, 'shell-empty');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'shell-empty-dark');
  } finally {
    await app.close();
  }
});
