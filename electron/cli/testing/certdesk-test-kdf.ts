/**
 * TEST-ONLY entry point of the CLI: the same command with a cheap KDF policy (scrypt N=2^10), so CLI suites do
 * not pay 128 MiB and ~0.4 s per derive. Never bundled into dist/ (scripts/build.mjs builds main.ts only).
 */
import pkg from '../../../package.json';
import { runCli } from '../run';

runCli(
  process.argv.slice(2),
  {
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    now: () => new Date(),
  },
  pkg.version,
  { kdf: { N: 2 ** 10, r: 8, p: 1 } },
).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`certdesk: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 10;
  },
);
