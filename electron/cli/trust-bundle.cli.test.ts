import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessCli, type InProcessCli } from './testing/in-process';

let cli: InProcessCli;
let out: (name: string) => string;
const DAY = 86_400_000;

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(async () => {
  cli = inProcessCli('certdesk-trust-cli-');
  out = (name) => path.join(cli.dir, name);
  await cli.ok(['init']);
  await cli.ok(['ca', 'create', '--name', 'Acme Root CA']);
  await cli.ok(['ca', 'create', '--name', 'Acme Issuing CA', '--parent', 'Acme Root CA', '--path-len', '0']);
  await cli.ok(['ca', 'create', '--name', 'Old Issuing CA', '--parent', 'Acme Root CA']);
  await cli.ok(['ca', 'create', '--name', 'Short CA', '--days', '2']);
  await cli.ok(['revoke', 'Old Issuing CA', '--reason', 'cessationOfOperation']);
  await cli.ok(['crl', '--ca', 'Acme Root CA', '--out', out('root.crl')]);
  await cli.ok(['issue', 'server', '--ca', 'Acme Issuing CA', '--cn', 'api', '--san', 'DNS:api']);
  await cli.ok(['export', 'api', '--out', out('deploy'), '--unencrypted-keys', '--yes']);
  cli.clock.now = new Date(Date.now() + 3 * DAY); // Short CA has expired by now
});
afterAll(() => cli.cleanup());

describe('certdesk trust-bundle', () => {
  it('writes a bundle openssl, keytool and sha256sum accept, leaving out the revoked and the expired CA', async () => {
    const dir = out('bundle');
    mkdirSync(dir); // an empty folder (mktemp -d) is fine
    const r = JSON.parse(await cli.ok(['trust-bundle', '--out', dir, '--crls', '--json'])) as {
      dir: string;
      files: string[];
      excluded: { cn: string; reason: string }[];
    };
    expect(r.dir).toBe(dir);
    expect(r.files.sort()).toEqual(
      [
        'Acme_Issuing_CA.crt',
        'Acme_Root_CA.crl',
        'Acme_Root_CA.crl.der',
        'Acme_Root_CA.crt',
        'README.txt',
        'SHA256SUMS',
        'ca-bundle.pem',
        'manifest.json',
      ].sort(),
    );
    expect(r.excluded).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ cn: 'Old Issuing CA', reason: 'revoked' }),
        expect.objectContaining({ cn: 'Short CA', reason: 'expired' }),
      ]),
    );
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
      cas: { cn: string }[];
      excluded: { cn: string; reason: string; detail: string }[];
    };
    expect(manifest.cas.map((c) => c.cn)).toEqual(['Acme Issuing CA', 'Acme Root CA']);
    expect(manifest.excluded.find((e) => e.cn === 'Old Issuing CA')?.detail).toMatch(/cessationOfOperation/);
    expect(readFileSync(path.join(dir, 'ca-bundle.pem'), 'utf8').match(/BEGIN CERTIFICATE/g)).toHaveLength(2);

    const leaf = path.join(out('deploy'), 'api', 'server.crt');
    expect(run('openssl', ['verify', '-x509_strict', '-CAfile', 'ca-bundle.pem', leaf], dir)).toMatch(/OK/);
    expect(run('sha256sum', ['-c', 'SHA256SUMS'], dir)).not.toMatch(/FAILED/);
    run(
      'openssl',
      ['crl', '-inform', 'DER', '-in', 'Acme_Root_CA.crl.der', '-CAfile', 'Acme_Root_CA.crt', '-noout'],
      dir,
    );
    for (const crt of r.files.filter((f) => f.endsWith('.crt'))) {
      run(
        'keytool',
        [
          '-importcert',
          '-noprompt',
          '-alias',
          crt,
          '-file',
          crt,
          '-keystore',
          out('trust.p12'),
          '-storetype',
          'PKCS12',
          '-storepass',
          'changeit',
        ],
        dir,
      );
    }
    expect(run('keytool', ['-list', '-keystore', out('trust.p12'), '-storepass', 'changeit'], dir)).toMatch(
      /2 entries/,
    );
  });

  it('includes only the CAs named with --ca, and refuses to replace a folder without --overwrite', async () => {
    const dir = out('root-only');
    await cli.ok(['trust-bundle', '--out', dir, '--ca', 'Acme Root CA']);
    expect(readdirSync(dir)).toContain('Acme_Root_CA.crt');
    expect(readdirSync(dir)).not.toContain('Acme_Issuing_CA.crt');
    writeFileSync(path.join(dir, 'extra'), 'x');
    const again = await cli.run(['trust-bundle', '--out', dir, '--ca', 'Acme Root CA']);
    expect(again.code).toBe(6);
    expect(again.stderr).toMatch(/already contains/);
    expect(existsSync(path.join(dir, 'extra'))).toBe(true);
    // A file CertDesk did not write is never deleted: replacing is refused until it is moved away.
    const guarded = await cli.run(['trust-bundle', '--out', dir, '--ca', 'Acme Root CA', '--overwrite']);
    expect(guarded.code).toBe(6);
    expect(guarded.stderr).toMatch(/files CertDesk did not write \(extra\)/);
    expect(existsSync(path.join(dir, 'extra'))).toBe(true);
    rmSync(path.join(dir, 'extra'));
    await cli.ok(['trust-bundle', '--out', dir, '--ca', 'Acme Root CA', '--overwrite']);
    expect(readdirSync(dir)).toContain('Acme_Root_CA.crt');
  });

  it('names unknown CAs and a bundle with nothing to trust', async () => {
    const unknown = await cli.run(['trust-bundle', '--out', out('x'), '--ca', 'Nope CA']);
    expect(unknown.code).toBe(4);
    expect(unknown.stderr).toMatch(/No CA named "Nope CA"/);
    const none = await cli.run(['trust-bundle', '--out', out('y'), '--ca', 'Old Issuing CA']);
    expect(none.code).toBe(4);
    expect(none.stderr).toMatch(/Old Issuing CA \(revoked\)/);
    expect(existsSync(out('y'))).toBe(false);
    const usage = await cli.run(['trust-bundle']);
    expect(usage.code).toBe(2);
  });

  it('exports a CA certificate with `export` as a one-CA bundle, and refuses a revoked one', async () => {
    const dest = out('ca-export');
    const r = await cli.ok(['export', 'Acme Issuing CA', '--out', dest]);
    expect(r).toMatch(/Acme_Issuing_CA/);
    const folder = path.join(dest, 'Acme_Issuing_CA');
    expect(readdirSync(folder)).toEqual(
      expect.arrayContaining([
        'Acme_Issuing_CA.crt',
        'ca-bundle.pem',
        'manifest.json',
        'SHA256SUMS',
        'README.txt',
      ]),
    );
    expect(run('sha256sum', ['-c', 'SHA256SUMS'], folder)).not.toMatch(/FAILED/);
    const revoked = await cli.run(['export', 'Old Issuing CA', '--out', dest]);
    expect(revoked.code).toBe(5);
    expect(revoked.stderr).toMatch(/revoked/);
  });

  it('leaves out a CA below a revoked CA, naming the revoked CA above it', async () => {
    await cli.ok(['ca', 'create', '--name', 'Branch Root', '--path-len', '2']);
    await cli.ok(['ca', 'create', '--name', 'Branch Issuing', '--parent', 'Branch Root', '--path-len', '1']);
    await cli.ok(['ca', 'create', '--name', 'Branch Sub', '--parent', 'Branch Issuing', '--path-len', '0']);
    await cli.ok(['revoke', 'Branch Issuing', '--reason', 'cACompromise']);
    const dir = out('branch-bundle');
    const r = JSON.parse(
      await cli.ok(['trust-bundle', '--out', dir, '--ca', 'Branch Root', '--ca', 'Branch Sub', '--json']),
    ) as { files: string[]; excluded: { cn: string; reason: string }[] };
    expect(r.files.filter((f) => f.endsWith('.crt'))).toEqual(['Branch_Root.crt']);
    expect(r.excluded).toEqual([expect.objectContaining({ cn: 'Branch Sub', reason: 'revoked' })]);
    const manifest = JSON.parse(readFileSync(path.join(dir, 'manifest.json'), 'utf8')) as {
      excluded: { cn: string; detail: string }[];
    };
    expect(manifest.excluded[0]?.detail).toMatch(/Branch Issuing.*cACompromise/);
  });
});
