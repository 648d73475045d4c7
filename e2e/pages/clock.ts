import type { Page } from '@playwright/test';

/**
 * launchApp({ now }) moves the service's clock only. The renderer derives statuses from its own clock, so
 * the specs start the page's clock at the same instant (then it runs naturally) and reload the page.
 */
export async function syncRendererClock(page: Page, now: Date): Promise<void> {
  await page.clock.install({ time: now });
  await page.reload();
  await page.locator('[data-app-state="ready"]').waitFor();
}
