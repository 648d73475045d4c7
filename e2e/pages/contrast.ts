import type { Locator } from '@playwright/test';

/** WCAG relative luminance of a computed `rgb(r, g, b)` / `rgba(...)` colour. */
function luminance(color: string): number {
  const m = /^rgba?\((\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?),\s*(\d+(?:\.\d+)?)/.exec(color);
  if (!m) throw new Error(`not an rgb() colour: ${color}`);
  const linear = (c: string | undefined): number => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * linear(m[1]) + 0.7152 * linear(m[2]) + 0.0722 * linear(m[3]);
}

/** WCAG contrast ratio (1 to 21) between two computed colours. */
export function contrastRatio(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * Contrast of an element's left border against its own background: a coloured edge that marks a card must
 * stand out from the card (WCAG 1.4.11 asks 3:1 for graphics that carry meaning).
 */
export async function leftEdgeContrast(card: Locator): Promise<number> {
  const { edge, background } = await card.evaluate((el) => {
    const style = getComputedStyle(el);
    return { edge: style.borderLeftColor, background: style.backgroundColor };
  });
  return contrastRatio(edge, background);
}
