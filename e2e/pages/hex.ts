/** How serials and fingerprints must look wherever they are shown. */
import { expect, type Locator } from '@playwright/test';

const COLON_GROUPED = /^[0-9A-F]{2}(:[0-9A-F]{2})*$/;

/**
 * `element` shows hex bytes upper-case and colon-grouped, with a break opportunity after each colon and
 * nowhere else (so a narrow column never splits a byte). With `hex`, they are exactly those bytes.
 */
export async function expectColonHex(element: Locator, hex?: string): Promise<void> {
  const text = (await element.innerText()).trim();
  expect(text).toMatch(COLON_GROUPED);
  if (hex !== undefined) {
    const even = hex.length % 2 === 1 ? `0${hex}` : hex;
    expect(text.replaceAll(':', '')).toBe(even.toUpperCase());
  }
  await expect(element.locator('wbr')).toHaveCount(text.split(':').length - 1);
  expect(
    await element.evaluate((el) => getComputedStyle(el.querySelector('.hex-bytes') ?? el).overflowWrap),
  ).toBe('normal');
}
