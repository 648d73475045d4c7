/**
 * Vitest setup file (every test file's worker): when a worker process dies mid-file, Vitest only says
 * "Worker exited unexpectedly". This names the file, the exit code or signal and the memory in use, on
 * stderr, so a crash in CI can be traced to its cause. Signals that can be caught are logged, then
 * re-raised with the default action so the outcome is unchanged (not SIGTERM: Vitest stops workers with it).
 */
import { writeSync } from 'node:fs';
import { beforeAll, expect } from 'vitest';

let file = '(before the first test file)';
beforeAll(() => {
  file = expect.getState().testPath ?? file;
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
