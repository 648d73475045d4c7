/**
 * Entry point of the `certdesk` command (bundled by scripts/build.mjs to dist/cli/certdesk.cjs, which adds
 * the shebang). Runs the same service as the desktop app against the same vault file.
 */
import pkg from '../../package.json';
import { runCli } from './run';

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
).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`certdesk: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 10;
  },
);
