import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from './testing/in-process';
import { spawnedCli, REPO_ROOT, type SpawnedCli } from './testing/spawned';
import type { ImportPreview, ImportResult } from '../../shared/domain/types';

const FIXTURES = path.join(REPO_ROOT, 'electron/core/import/fixtures');
const XCA = path.join(FIXTURES, 'xca/pki.xdb');
let cli: SpawnedCli;
let dir: string;
let env: NodeJS.ProcessEnv;
const certdesk = (args: string[], withEnv?: NodeJS.ProcessEnv): CliRun => cli.run(args, withEnv);

beforeAll(() => {
  cli = spawnedCli('certdesk-import-cli-');
  dir = cli.dir;
  env = cli.env;
  expect(certdesk(['init']).code).toBe(0);
});
afterAll(() => cli.cleanup());

describe('certdesk import', () => {
  it('xca: a wrong password exits 5 and writes nothing; --dry-run lists; the import adds; a second adds nothing', () => {
    writeFileSync(path.join(dir, 'wrong'), 'wrong password\n');
    const wrong = certdesk(['import', 'xca', XCA, '--password-file', path.join(dir, 'wrong')]);
    expect(wrong.code).toBe(5);
    expect(wrong.stderr).toContain('the database password is wrong');
    expect(JSON.parse(certdesk(['list', '--json']).stdout)).toEqual([]);

    // a dry run opens the vault read-only: not a byte changes
    const vault = readFileSync(env.CERTDESK_VAULT!);
    const pass = ['--password-file', path.join(FIXTURES, 'xca/password.txt')];
    const dry = certdesk(['import', 'xca', XCA, ...pass, '--dry-run', '--json']);
    expect(dry.code, dry.stderr).toBe(0);
    expect((JSON.parse(dry.stdout) as ImportPreview).counts).toMatchObject({ cas: 2, leaves: 5, keys: 5 });
    expect(readFileSync(env.CERTDESK_VAULT!).equals(vault)).toBe(true);

    const run = certdesk(['import', 'xca', XCA, ...pass]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('+ CN=dsa-device');
    expect(run.stdout).toContain('Imported.');
    const again = certdesk(['import', 'xca', XCA, ...pass, '--json']);
    expect(again.code, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout) as ImportResult).toMatchObject({
      written: false,
      counts: { duplicates: 7 },
    });
    expect(certdesk(['audit', 'verify']).code).toBe(0);
  }, 180_000);

  it('easy-rsa: an encrypted CA key without --pki-passphrase-file is refused, then imported with it', () => {
    const pki = path.join(FIXTURES, 'easyrsa/rsa-pass');
    const missing = certdesk(['import', 'easy-rsa', pki]);
    expect(missing.code).toBe(5);
    expect(missing.stderr).toContain('private/ca.key is encrypted');
    const ok = certdesk([
      'import',
      'easy-rsa',
      pki,
      '--pki-passphrase-file',
      path.join(FIXTURES, 'easyrsa/passphrase.txt'),
      '--json',
    ]);
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout) as ImportResult).toMatchObject({
      written: true,
      counts: { cas: 1, revoked: 2 },
    });
  }, 180_000);

  it('easy-rsa: --passphrase-file is the PKI passphrase (as the issue names it) and the vault one comes from --vault-passphrase-file', () => {
    const pki = path.join(FIXTURES, 'easyrsa/rsa-pass');
    const vaultPass = path.join(dir, 'vault-pass.txt');
    writeFileSync(vaultPass, 'another vault passphrase here\n', { mode: 0o600 });
    const { CERTDESK_PASSPHRASE: _unused, ...noEnvPass } = env;
    const own = { ...noEnvPass, CERTDESK_VAULT: path.join(dir, 'second.certdesk') };
    expect(certdesk(['init', '--passphrase-file', vaultPass], own).code).toBe(0);
    const pkiPass = path.join(FIXTURES, 'easyrsa/passphrase.txt');
    const both = certdesk(
      [
        'import',
        'easy-rsa',
        pki,
        '--pki-passphrase-file',
        pkiPass,
        '--passphrase-file',
        pkiPass,
        '--vault-passphrase-file',
        vaultPass,
      ],
      own,
    );
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('--pki-passphrase-file and --passphrase-file both name the PKI passphrase');
    const ok = certdesk(
      [
        'import',
        'easy-rsa',
        pki,
        '--passphrase-file',
        pkiPass,
        '--vault-passphrase-file',
        vaultPass,
        '--json',
      ],
      own,
    );
    expect(ok.code, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout) as ImportResult).toMatchObject({
      written: true,
      counts: { cas: 1, revoked: 2 },
    });
  }, 180_000);
});
