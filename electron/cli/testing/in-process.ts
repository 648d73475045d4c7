/** Test-only: runs `certdesk` commands in this process (no spawn, no bundle) against a temp vault. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../run';

/** The cheap scrypt cost CLI suites use (the shipped CLI always uses the production policy). */
export const TEST_CLI_KDF = { N: 2 ** 10, r: 8, p: 1 } as const;

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

export interface InProcessCli {
  dir: string;
  /** the clock commands see; tests move it to make certificates expire */
  clock: { now: Date };
  run(args: string[], env?: NodeJS.ProcessEnv): Promise<CliRun>;
  /** runs and fails the test's expectation with stderr unless the exit status is 0 */
  ok(args: string[], env?: NodeJS.ProcessEnv): Promise<string>;
  cleanup(): void;
}

export function inProcessCli(prefix: string): InProcessCli {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const clock = { now: new Date() };
  const baseEnv: NodeJS.ProcessEnv = {
    HOME: dir,
    CERTDESK_VAULT: path.join(dir, 'vault.certdesk'),
    CERTDESK_PASSPHRASE: 'correct horse battery staple',
    // never the real user config folder: the rollback witness of these runs stays in the temp folder
    CERTDESK_STATE_DIR: path.join(dir, 'state'),
  };
  const run = async (args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliRun> => {
    let stdout = '';
    let stderr = '';
    const err = { write: (s: string) => (stderr += s) } as unknown as NodeJS.WriteStream;
    const code = await runCli(
      args,
      {
        env: { ...baseEnv, ...env },
        stdin: process.stdin,
        stdout: { write: (s: string) => (stdout += s) },
        stderr: err,
        now: () => clock.now,
      },
      '0.0.0-test',
      { kdf: TEST_CLI_KDF },
    );
    return { code, stdout, stderr };
  };
  return {
    dir,
    clock,
    run,
    async ok(args, env) {
      const r = await run(args, env);
      if (r.code !== 0) throw new Error(`certdesk ${args.join(' ')} exited ${r.code}: ${r.stderr}`);
      return r.stdout;
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
