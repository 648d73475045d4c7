import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: [
      'electron/**/*.test.ts',
      'shared/**/*.test.ts',
      'renderer/**/*.test.ts',
      'renderer/**/*.test.tsx',
    ],
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // A worker that dies says which file it was running (scripts/unit-worker-watch.ts); a fatal V8 or Node
    // error leaves a diagnostic report that scripts/run-unit.mjs prints.
    setupFiles: ['scripts/unit-worker-watch.ts'],
    execArgv: ['--report-on-fatalerror', '--report-directory=test-results/node-reports'],
  },
});
