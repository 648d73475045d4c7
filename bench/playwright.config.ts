import { defineConfig } from '@playwright/test';

/**
 * Runs bench/ui-scale.pw.ts only. The UI benchmark goes through Playwright's own TypeScript loader because
 * e2e/harness.ts ships functions to the page as source text, and tsx (which runs `npm run bench`) rewrites
 * them with esbuild's `__name` helper, which does not exist in the page.
 */
export default defineConfig({
  testDir: '.',
  testMatch: 'ui-scale.pw.ts',
  outputDir: '../test-results/bench',
  timeout: 15 * 60_000,
  workers: 1,
  retries: 0,
  reporter: [['list']],
});
