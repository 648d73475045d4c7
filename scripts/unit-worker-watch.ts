/**
 * Vitest setup file (every test file's worker). Vitest says only "Worker exited unexpectedly" when a worker
 * process dies, and it reports results on a timer, so a test that failed just before the death can be lost.
 * This leaves evidence that survives the death, for scripts/run-unit.mjs:
 * - test-results/unit-markers/failed.txt: a file's path the moment one of its tests fails;
 * - test-results/unit-markers/finished.txt: a file's path once its tests and its own afterAll hooks are done
 *   (this hook is registered first, so it runs after theirs).
 * It also writes the exit code or catchable signal and the memory in use to stderr when a worker dies.
 * Caught signals are re-raised with the default action so the outcome is unchanged (not SIGTERM: Vitest
 * stops workers with it). SIGKILL and SIGSEGV cannot be caught; the markers still tell what was lost.
 */
import { appendFileSync, mkdirSync, writeSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';

const MARKERS = path.resolve('test-results', 'unit-markers');

let file = '(before the first test file)';
beforeAll(() => {
  file = expect.getState().testPath ?? file;
  mkdirSync(MARKERS, { recursive: true });
});
beforeEach(({ onTestFailed }) => {
  onTestFailed(() => appendFileSync(path.join(MARKERS, 'failed.txt'), `${file}\n`));
});
afterAll(() => {
  appendFileSync(path.join(MARKERS, 'finished.txt'), `${file}\n`);
});

function report(what: string): void {
  const mib = (n: number): string => `${Math.round(n / 2 ** 20)} MiB`;
  const m = process.memoryUsage();
  writeSync(
    2,
    `\n[unit-worker-watch] pid ${process.pid} running ${file}: ${what} (rss ${mib(m.rss)}, heap ${mib(m.heapUsed)}, external ${mib(m.external)})\n`,
  );
}

process.on('exit', (code) => {
  if (code !== 0) report(`exiting with code ${code}`);
});

for (const signal of ['SIGHUP', 'SIGINT', 'SIGUSR2', 'SIGXCPU', 'SIGXFSZ'] as const) {
  process.once(signal, () => {
    report(`received ${signal}`);
    process.kill(process.pid, signal);
  });
}
