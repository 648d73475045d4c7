import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';

/**
 * Serious and critical axe violations on the page as it is now, one line each for a readable failure. The
 * dark pass re-checks colour contrast only: the theme changes colours, not structure (and keeps the run short).
 */
export async function seriousViolations(page: Page, scheme: 'light' | 'dark'): Promise<string[]> {
  const builder = new AxeBuilder({ page });
  if (scheme === 'dark') builder.withRules(['color-contrast']);
  const result = await builder.analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
