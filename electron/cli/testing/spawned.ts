/** Test-only: runs the real `certdesk` as a child process (TypeScript entry, cheap KDF) against a temp vault. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliRun } from './in-process';

export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
// The test entry: the real CLI with a cheap KDF policy (the shipped one has no such switch).
const ENTRY = ['--import', 'tsx', path.join(REPO_ROOT, 'electron/cli/testing/certdesk-test-kdf.ts')];

export const SPAWNED_PASSPHRASE = 'correct horse battery staple';

export interface SpawnedCli {
  dir: string;
  /** HOME, vault, passphrase and state folder of this suite's workstation */
  env: NodeJS.ProcessEnv;
  run(args: string[], env?: NodeJS.ProcessEnv): CliRun;
  cleanup(): void;
}

export function spawnedCli(prefix: string): SpawnedCli {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    CERTDESK_VAULT: path.join(dir, 'vault.certdesk'),
    CERTDESK_PASSPHRASE: SPAWNED_PASSPHRASE,
    CERTDESK_STATE_DIR: path.join(dir, 'state'),
  };
  return {
    dir,
    env,
    run(args, withEnv = env) {
      const r = spawnSync(process.execPath, [...ENTRY, ...args], {
        cwd: REPO_ROOT,
        env: withEnv,
        encoding: 'utf8',
        timeout: 120_000,
      });
      return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
    },
    cleanup: () => rmSync(dir, { recursive: true, force: true }),
  };
}
