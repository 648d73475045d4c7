/**
 * What a compromised renderer can send through the dispatcher Electron's IPC uses: every path and every
 * dangerous choice must come from main (a grant from its dialog, a yes from its box), or nothing happens.
 */
import { AsnConvert } from '@peculiar/asn1-schema';
import { PFX } from '@peculiar/asn1-pfx';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededFixture, type Fixture, freshFolder } from './testing/service-fixture';

let fx: Fixture & { caId: string; serverId: string; clientId: string };
const PASS = 'export passphrase 1234';

beforeAll(async () => {
  fx = await seededFixture();
  execFileSync(
    'openssl',
    [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:P-256',
      '-nodes',
      '-subj',
      '/CN=outside',
      '-keyout',
      'privkey.pem',
      '-out',
      'cert.pem',
    ],
    { cwd: fx.dir, stdio: 'pipe', input: '' },
  );
}, 60_000);
afterAll(() => fx.cleanup());

describe('export:bundle from an untrusted renderer', () => {
  it('refuses a raw path, and a path passed off as a grant; nothing is written', async () => {
    const out = freshFolder(fx, 'raw');
    const raw = await fx.dispatch('export:bundle', { ids: [fx.serverId], dir: out, keyPassphrase: PASS });
    expect(raw).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    const forged = await fx.dispatch('export:bundle', {
      ids: [fx.serverId],
      folderGrant: out,
      keyPassphrase: PASS,
    });
    expect(forged).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID' } });
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a reused grant, and a grant chosen for reading', async () => {
    const out = freshFolder(fx, 'reuse');
    const grant = fx.grant(out);
    await fx.call('export:bundle', { ids: [fx.serverId], folderGrant: grant, keyPassphrase: PASS });
    const again = freshFolder(fx, 'reuse-again');
    const reused = await fx.dispatch('export:bundle', {
      ids: [fx.clientId],
      folderGrant: grant,
      keyPassphrase: PASS,
    });
    expect(reused).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID' } });
    const readGrant = fx.grant(again, 'read-file');
    const wrongPurpose = await fx.dispatch('export:bundle', {
      ids: [fx.clientId],
      folderGrant: readGrant,
      keyPassphrase: PASS,
    });
    expect(wrongPurpose).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID' } });
    expect(readdirSync(out)).toEqual(['user-service']);
    expect(readdirSync(again)).toEqual([]);
  });

  it('writes no unencrypted key on the renderer flags alone: main asks, names the key and folder, and "no" stops it', async () => {
    const out = freshFolder(fx, 'plain');
    fx.answers.confirm = false;
    const before = fx.confirmations.length;
    const r = await fx.dispatch('export:bundle', {
      ids: [fx.serverId],
      folderGrant: fx.grant(out),
      unencryptedKeys: true,
      confirmUnencrypted: true,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'CONFIRMATION_REQUIRED' } });
    expect(fx.confirmations.slice(before)).toEqual([
      `Write the private key of user-service UNENCRYPTED into ${out}?`,
    ]);
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses an export passphrase shorter than the vault policy', async () => {
    const out = freshFolder(fx, 'weak');
    const r = await fx.dispatch('export:bundle', {
      ids: [fx.serverId],
      folderGrant: fx.grant(out),
      keyPassphrase: 'x',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'WEAK_PASSPHRASE' } });
    expect(readdirSync(out)).toEqual([]);
  });

  it('never replaces a folder CertDesk did not write, even when main is told yes: precious.txt survives', async () => {
    const out = freshFolder(fx, 'precious');
    mkdirSync(path.join(out, 'user-service'));
    writeFileSync(path.join(out, 'user-service', 'precious.txt'), 'not ours');
    fx.answers.confirm = true;
    const r = await fx.dispatch('export:bundle', {
      ids: [fx.serverId],
      folderGrant: fx.grant(out),
      keyPassphrase: PASS,
      overwrite: true,
    });
    fx.answers.confirm = false;
    expect(r).toMatchObject({
      ok: false,
      error: {
        code: 'EXPORT_TARGET_EXISTS',
        message: expect.stringContaining(path.join(out, 'user-service')),
      },
    });
    expect(readdirSync(path.join(out, 'user-service'))).toEqual(['precious.txt']);
    expect(readFileSync(path.join(out, 'user-service', 'precious.txt'), 'utf8')).toBe('not ours');
  });

  it('replaces a previous export of the same certificate only after main confirms', async () => {
    const out = freshFolder(fx, 'again');
    await fx.call('export:bundle', { ids: [fx.serverId], folderGrant: fx.grant(out), keyPassphrase: PASS });
    const manifest = readFileSync(path.join(out, 'user-service', 'manifest.json'), 'utf8');
    fx.answers.confirm = false;
    const declined = await fx.dispatch('export:bundle', {
      ids: [fx.serverId],
      folderGrant: fx.grant(out),
      keyPassphrase: PASS,
      overwrite: true,
    });
    expect(declined).toMatchObject({ ok: false, error: { code: 'EXPORT_TARGET_EXISTS' } });
    expect(fx.confirmations.at(-1)).toBe(
      `Replace the previous CertDesk export in ${path.join(out, 'user-service')}?`,
    );
    expect(readFileSync(path.join(out, 'user-service', 'manifest.json'), 'utf8')).toBe(manifest);
    fx.answers.confirm = true;
    await fx.call('export:bundle', {
      ids: [fx.serverId],
      folderGrant: fx.grant(out),
      keyPassphrase: PASS,
      overwrite: true,
    });
    fx.answers.confirm = false;
    expect(readdirSync(out)).toEqual(['user-service']);
  });
});

describe('reading files for an untrusted renderer', () => {
  it('refuses inspect:file, ca:import and ca:importTrustAnchor with a raw path', async () => {
    const cert = path.join(fx.dir, 'cert.pem');
    const key = path.join(fx.dir, 'privkey.pem');
    expect(existsSync(cert) && existsSync(key)).toBe(true);
    const attempts: [string, unknown][] = [
      ['inspect:file', { path: cert }],
      ['inspect:file', { fileGrant: cert }],
      ['ca:import', { certPath: cert, keyPath: key }],
      ['ca:import', { certGrant: cert, keyGrant: key }],
      ['ca:importTrustAnchor', { certPath: cert }],
      ['ca:importTrustAnchor', { certGrant: cert }],
      ['vault:open', { path: fx.vaultPath }],
      ['vault:restore', { from: fx.vaultPath, passphrase: 'x' }],
    ];
    for (const [channel, input] of attempts) {
      const r = await fx.dispatch(channel, input);
      expect(r.ok, channel).toBe(false);
      expect(['INVALID_INPUT', 'GRANT_INVALID'], channel).toContain(r.ok ? '' : r.error.code);
    }
    expect((await fx.call('ca:list', {})).map((c) => c.cn)).toEqual(['mygrpc-ca']);
    expect((await fx.call('vault:status', {})).state).toBe('unlocked');
  });

  it('reads a file the operator chose, once', async () => {
    const grant = fx.grant(path.join(fx.dir, 'cert.pem'), 'read-file');
    expect((await fx.call('inspect:file', { fileGrant: grant })).certificates[0]?.subject).toContain(
      'outside',
    );
    expect(await fx.dispatch('inspect:file', { fileGrant: grant })).toMatchObject({
      ok: false,
      error: { code: 'GRANT_INVALID' },
    });
  });
});

describe('vault files from an untrusted renderer', () => {
  it("backs up only to a file main's save dialog chose: a raw path, a forged grant and a read grant write nothing", async () => {
    const target = path.join(fx.dir, 'stolen-copy.certdesk');
    expect(await fx.dispatch('vault:backup', { path: target })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    expect(await fx.dispatch('vault:backup', { fileGrant: target })).toMatchObject({
      ok: false,
      error: { code: 'GRANT_INVALID' },
    });
    expect(await fx.dispatch('vault:backup', { fileGrant: fx.grant(target, 'read-file') })).toMatchObject({
      ok: false,
      error: { code: 'GRANT_INVALID' },
    });
    expect(existsSync(target)).toBe(false);
    const written = await fx.dispatch('vault:backup', { fileGrant: fx.grant(target, 'write-file') });
    expect(written).toMatchObject({ ok: true, value: { path: target } });
    expect(existsSync(target)).toBe(true);
  });

  it("creates a vault only where main's save dialog chose (or at the default location), never at a raw path", async () => {
    const target = path.join(fx.dir, 'planted.certdesk');
    expect(
      await fx.dispatch('vault:create', { path: target, passphrase: 'a long enough passphrase' }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(
      await fx.dispatch('vault:create', { fileGrant: target, passphrase: 'a long enough passphrase' }),
    ).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID' } });
    expect(existsSync(target)).toBe(false);
  });
});

describe('hostile files stay bounded', () => {
  it('refuses a .p12 asking for 2^31-1 MAC iterations in Inspect and CA import within 2 s, while other channels answer', async () => {
    execFileSync(
      'openssl',
      [
        'pkcs12',
        '-export',
        '-inkey',
        'privkey.pem',
        '-in',
        'cert.pem',
        '-passout',
        'pass:p12 pass',
        '-out',
        'ok.p12',
      ],
      { cwd: fx.dir, stdio: 'pipe' },
    );
    const pfx = AsnConvert.parse(readFileSync(path.join(fx.dir, 'ok.p12')), PFX);
    if (!pfx.macData) throw new Error('openssl wrote no MAC');
    pfx.macData.iterations = 2 ** 31 - 1;
    const hostile = path.join(fx.dir, 'hostile.p12');
    writeFileSync(hostile, new Uint8Array(AsnConvert.serialize(pfx)));

    const started = Date.now();
    const [inspected, imported, listed] = await Promise.all([
      fx.dispatch('inspect:file', { fileGrant: fx.grant(hostile, 'read-file'), passphrase: 'p12 pass' }),
      fx.dispatch('ca:import', { p12Grant: fx.grant(hostile, 'read-file'), p12Passphrase: 'p12 pass' }),
      fx.dispatch('certs:list', {}),
    ]);
    expect(Date.now() - started).toBeLessThan(2000);
    for (const r of [inspected, imported])
      expect(r).toMatchObject({
        ok: false,
        error: {
          code: 'INVALID_INPUT',
          message: expect.stringContaining('2147483647 key-derivation iterations'),
        },
      });
    expect(listed.ok).toBe(true);
  });
});
