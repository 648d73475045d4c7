import { expect, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const SCREENSHOT_DIR = 'test-results/screenshots';

export interface ScreenshotOptions {
  /**
   * Shoot the window exactly as it is: no growing, no full page. For shots whose point is what stays on
   * screen while the content scrolls; growing the window would scroll the content back to the top.
   */
  viewport?: boolean;
  /**
   * Dismiss the notifications on screen first, as an operator does after reading them, so they do not cover
   * the content the shot is about. Leave this off for shots whose point is the notification.
   */
  dismissToasts?: boolean;
}

/**
 * Screenshots are kept as test artefacts so a person can look at every screen after a run. The window
 * itself never scrolls (the content area does), so a full-page shot would stop at the viewport: unless told
 * to keep the viewport, the viewport is grown by the content's hidden height for the shot, then restored.
 */
export async function saveScreenshot(
  page: Page,
  name: string,
  options: ScreenshotOptions = {},
): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = `${SCREENSHOT_DIR}/${name}.png`;
  if (options.dismissToasts) await dismissToasts(page);
  if (options.viewport) {
    await page.screenshot({ path: file });
    return file;
  }
  const viewport = page.viewportSize();
  const hidden = await page
    .locator('main')
    .first()
    .evaluate((el) => el.scrollHeight - el.clientHeight, undefined, { timeout: 2_000 })
    .catch(() => 0);
  if (viewport && hidden > 0) {
    await page.setViewportSize({ width: viewport.width, height: viewport.height + Math.min(hidden, 12_000) });
  }
  await page.screenshot({ path: file, fullPage: true });
  if (viewport && hidden > 0) await page.setViewportSize(viewport);
  return file;
}

/**
 * Presses each notification's own Dismiss button. The click is dispatched rather than made with the mouse so
 * focus stays where the operator left it: the screen then looks as it does once a toast has timed out.
 */
async function dismissToasts(page: Page): Promise<void> {
  const dismiss = page
    .getByRole('region', { name: 'Notifications' })
    .getByRole('button', { name: 'Dismiss notification' });
  for (let n = await dismiss.count(); n > 0; n = await dismiss.count()) {
    await dismiss.first().dispatchEvent('click');
    // The next round must not press a button that is already on its way out.
    await expect.poll(() => dismiss.count()).toBeLessThan(n);
  }
}
