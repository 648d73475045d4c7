import type { Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';

export const SCREENSHOT_DIR = 'test-results/screenshots';

/**
 * Screenshots are kept as test artefacts so a person can look at every screen after a run. The window
 * itself never scrolls (the content area does), so a full-page shot would stop at the viewport: the
 * viewport is grown by the content's hidden height for the shot, then restored.
 */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  const file = `${SCREENSHOT_DIR}/${name}.png`;
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
