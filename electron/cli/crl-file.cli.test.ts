import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessCli, type InProcessCli } from './testing/in-process';

let cli: InProcessCli;

beforeAll(async () => {
  cli = inProcessCli('certdesk-crl-cli-');
  await cli.ok(['init']);
  await cli.ok(['ca', 'create', '--name', 'crl-ca']);
  await cli.ok(['issue', 'client', '--ca', 'crl-ca', '--cn', 'gone']);
  await cli.ok(['revoke', 'gone', '--reason', 'keyCompromise']);
  await cli.ok(['export', 'crl-ca', '--out', path.join(cli.dir, 'ca')]);
});
afterAll(() => cli.cleanup());

describe('certdesk crl --format', () => {
  it('writes a DER CRL that openssl reads with -inform DER, and records the write in the audit log', async () => {
    const out = path.join(cli.dir, 'crl-ca.crl.der');
    const r = JSON.parse(
      await cli.ok(['crl', '--ca', 'crl-ca', '--out', out, '--format', 'der', '--json']),
    ) as {
      format: string;
      number: number;
    };
    expect(r).toMatchObject({ format: 'der', number: 1 });
    expect(readFileSync(out)[0]).toBe(0x30); // a DER SEQUENCE, not PEM text
    const caFile = path.join(cli.dir, 'ca', 'crl-ca', 'crl-ca.crt');
    const text = execFileSync(
      'openssl',
      ['crl', '-inform', 'DER', '-in', out, '-CAfile', caFile, '-noout', '-text'],
      {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    expect(text).toMatch(/Key Compromise/);
    const audit = readFileSync(path.join(cli.dir, 'vault.certdesk.audit.jsonl'), 'utf8');
    const saved = audit
      .split('\n')
      .filter((l) => l.includes('"crl.save"'))
      .map((l) => JSON.parse(l) as { outcome: string; detail: string });
    expect(saved).toEqual([
      expect.objectContaining({ outcome: 'ok', detail: expect.stringMatching(/CRL #1 as DER/) }),
    ]);
  });

  it('writes PEM by default, refuses an existing file before signing (the CRL number is not used up), --force replaces it', async () => {
    const out = path.join(cli.dir, 'crl-ca.crl');
    writeFileSync(out, 'keep me');
    const refused = await cli.run(['crl', '--ca', 'crl-ca', '--out', out]);
    expect(refused.code).toBe(6);
    expect(refused.stderr).toMatch(/exists/);
    expect(readFileSync(out, 'utf8')).toBe('keep me');
    const r = JSON.parse(await cli.ok(['crl', '--ca', 'crl-ca', '--out', out, '--force', '--json'])) as {
      number: number;
    };
    expect(r.number).toBe(2);
    expect(readFileSync(out, 'utf8')).toMatch(/^-----BEGIN X509 CRL-----/);
  });

  it('rejects an unknown format and an unwritable folder with their exit statuses', async () => {
    const bad = await cli.run([
      'crl',
      '--ca',
      'crl-ca',
      '--out',
      path.join(cli.dir, 'x.crl'),
      '--format',
      'p7b',
    ]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--format must be one of pem, der/);
    const missing = await cli.run([
      'crl',
      '--ca',
      'crl-ca',
      '--out',
      path.join(cli.dir, 'no', 'such', 'x.crl'),
    ]);
    expect(missing.code).toBe(6);
    expect(missing.stderr).toMatch(/does not exist/);
  });
});
