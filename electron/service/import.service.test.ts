import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  cpSync,
  mkdirSync,
  readFileSync,
  renameSync,
  truncateSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../shared/ipc/contract';
import type { CertSummary, ImportPreview, ImportResult } from '../../shared/domain/types';
import { writeCorpCrl, writeCorpIntermediate, writeCorpLeaf, writeCorpRoot } from './testing/corp-ca';
import { makeFixture, opensslIn, opensslVerify, PASSPHRASE, type Fixture } from './testing/service-fixture';

const FIXTURES = path.join(__dirname, '../core/import/fixtures');
const EASY_PASS = path.join(FIXTURES, 'easyrsa/rsa-pass');
const EASY_EC = path.join(FIXTURES, 'easyrsa/ec-nopass');
const XCA_DB = path.join(FIXTURES, 'xca/pki.xdb');
const XCA_KEYLESS_DSA_CA = path.join(FIXTURES, 'xca/keyless-dsa-ca.xdb');
/** how `openssl crl -text` prints a serial: upper-case hex without the DER sign byte */
const asOpenssl = (serial: string): string => serial.replace(/^(00)+(?=.)/, '').toUpperCase();
const firstLine = (p: string): string => readFileSync(p, 'utf8').split('\n')[0]!;
const EASY_PASSPHRASE = firstLine(path.join(FIXTURES, 'easyrsa/passphrase.txt'));
const XCA_PASSWORD = firstLine(path.join(FIXTURES, 'xca/password.txt'));

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

/** What the app does after the operator picks the source in main's dialog: a grant for that path. */
function pick(
  fx: Fixture,
  source: 'xca' | 'easy-rsa',
  at: string,
  extra: { password?: string; skipConflicts?: boolean } = {},
): ChannelInput<'import:run'> {
  const grant = fx.service.grantPath(at, source === 'xca' ? 'read-file' : 'read-folder');
  return { source, sourceGrant: grant, ...extra };
}

async function vault(): Promise<Fixture> {
  const fx = await makeFixture();
  fixtures.push(fx);
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  return fx;
}

function opensslCrlVerify(dir: string, caPem: string, crlPem: string): string {
  writeFileSync(path.join(dir, 'crl-ca.pem'), caPem);
  writeFileSync(path.join(dir, 'crl.pem'), crlPem);
  return execFileSync(
    'openssl',
    ['crl', '-verify', '-noout', '-text', '-CAfile', 'crl-ca.pem', '-in', 'crl.pem'],
    { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] },
  );
}

/**
 * An easy-rsa PKI folder holding the fixture certificates `<from>.crt` at the paths given, with an index.txt
 * line (valid, no key) for each serial: what the reader needs to bring them across.
 */
function easyRsaFolder(
  fx: Fixture,
  files: readonly (readonly [string, string])[],
  serials: string[],
): string {
  const pki = path.join(fx.dir, 'pki');
  mkdirSync(path.join(pki, 'issued'), { recursive: true });
  for (const [from, to] of files)
    writeFileSync(path.join(pki, to), readFileSync(path.join(fx.dir, `${from}.crt`)));
  writeFileSync(
    path.join(pki, 'index.txt'),
    serials.map((serial) => `V\t351231000000Z\t\t${serial}\tunknown\t/CN=x\n`).join(''),
  );
  return pki;
}

/** Import, then check what an operator relies on: counts, revocations, issuing, CRL numbering, audit. */
async function importAndCheck(fx: Fixture, input: ChannelInput<'import:run'>): Promise<ImportResult> {
  const preview = await fx.call('import:preview', input);
  const result = await fx.call('import:run', input);
  expect(result.written).toBe(true);
  expect(result.counts).toEqual(preview.counts);
  return result;
}

describe('import from easy-rsa', () => {
  it('brings the CA with its key, every leaf, revocations and keeps issuing and revoking', async () => {
    const fx = await vault();
    const input = pick(fx, 'easy-rsa', EASY_PASS, { password: EASY_PASSPHRASE });
    const preview = await fx.call('import:preview', input);
    expect(preview.counts).toEqual({
      cas: 1,
      leaves: 4,
      keys: 5,
      revoked: 2,
      crlNumbers: 0,
      duplicates: 0,
      conflicts: 0,
    });
    await importAndCheck(fx, input);
    const list = await fx.call('certs:list', {});
    expect(list).toHaveLength(5);
    const byCn = new Map(list.map((c) => [c.cn, c]));
    expect(byCn.get('web2.example.test')?.revoked?.reason).toBe('keyCompromise');
    expect(byCn.get('bob')?.revoked?.reason).toBe('superseded');
    expect(byCn.get('web1.example.test')?.label).toBe('web1.example.test');
    expect(byCn.get('alice')?.hasKey).toBe(true);
    const ca = byCn.get('Easy RSA Pass CA')!;
    expect(ca.hasKey).toBe(true);

    const issued = await fx.call('certs:issue', {
      caId: ca.id,
      profile: 'server',
      subject: { cn: 'after-migration' },
      sans: [{ type: 'dns', value: 'after-migration.example.test' }],
    });
    const caView = await fx.call('certs:get', { id: ca.id });
    // easy-rsa 3.1 writes the CA's BasicConstraints non-critical: the preview says so, and -x509_strict
    // refuses the chain for that CA (depth 1) alone; the leaf CertDesk issued passes everything else.
    const caItem = preview.items.find((i) => i.kind === 'ca')!;
    expect(caItem.lint.map((l) => l.id)).toContain('ca-basic-constraints-not-critical');
    expect(() => opensslVerify(fx.dir, caView.view.pem, issued.pem, 'sslserver')).toThrow(
      /error 89 at 1 depth lookup: Basic Constraints of CA cert not marked critical/,
    );
    writeFileSync(path.join(fx.dir, 'easy-ca.pem'), caView.view.pem);
    writeFileSync(path.join(fx.dir, 'leaf.pem'), issued.pem);
    const lenient = execFileSync(
      'openssl',
      ['verify', '-purpose', 'sslserver', '-CAfile', 'easy-ca.pem', 'leaf.pem'],
      { cwd: fx.dir, encoding: 'utf8' },
    );
    expect(lenient).toContain('leaf.pem: OK');
    const crl = await fx.call('crl:generate', { caId: ca.id });
    const text = opensslCrlVerify(fx.dir, caView.view.pem, crl.pem);
    expect(text).toContain(asOpenssl(byCn.get('web2.example.test')!.serial));
    expect(text).toContain(asOpenssl(byCn.get('bob')!.serial));
    expect((await fx.call('audit:verify', {})).ok).toBe(true);

    const again = await fx.call('import:run', pick(fx, 'easy-rsa', EASY_PASS, { password: EASY_PASSPHRASE }));
    expect(again.written).toBe(false);
    expect(again.counts).toMatchObject({ cas: 0, leaves: 0, keys: 0, duplicates: 5 });
    expect(await fx.call('certs:list', {})).toHaveLength(6);
  });

  it("continues the PKI's CRL numbers above its crlnumber counter", async () => {
    const fx = await vault();
    const result = await importAndCheck(fx, pick(fx, 'easy-rsa', EASY_EC));
    expect(result.crls).toEqual([{ ca: 'CN=Easy EC CA', lastNumber: String(0x1001) }]);
    const ca = (await fx.call('ca:list', {})).find((c) => c.cn === 'Easy EC CA')!;
    const crl = await fx.call('crl:generate', { caId: ca.id });
    expect(crl.number).toBe(0x1002);
    const text = opensslCrlVerify(fx.dir, (await fx.call('certs:get', { id: ca.id })).view.pem, crl.pem);
    expect(text).toMatch(/verify OK|X509v3 CRL Number/);
    expect(text).toContain('Cessation Of Operation');
    expect(text).toContain('Affiliation Changed');
  });
});

describe('import from XCA', () => {
  it('decrypts keys with the database password, keeps DSA certificates without keys, and revocations', async () => {
    const fx = await vault();
    const input = pick(fx, 'xca', XCA_DB, { password: XCA_PASSWORD });
    const result = await importAndCheck(fx, input);
    expect(result.counts).toEqual({
      cas: 2,
      leaves: 5,
      keys: 5,
      revoked: 2,
      crlNumbers: 2,
      duplicates: 0,
      conflicts: 0,
    });
    const dsa = result.items.find((i) => i.subject === 'CN=dsa-device')!;
    expect(dsa.hasKey).toBe(false);
    expect(dsa.tracked).toBe(true);
    expect(dsa.notes.join(' ')).toMatch(/dsa key cannot sign in CertDesk.*tracked for expiry only/i);
    const list = await fx.call('certs:list', {});
    const byCn = new Map(list.map((c) => [c.cn, c]));
    // watched on the dashboard like any tracked certificate; CertDesk never renews it
    expect(byCn.get('dsa-device')?.tracked).toBe(true);
    expect(list.filter((c) => c.tracked).map((c) => c.cn)).toEqual(['dsa-device']);
    const renew = await fx.fail('certs:renew', { id: byCn.get('dsa-device')!.id });
    expect(renew.message).toMatch(/tracked certificate/);
    expect(byCn.get('xca-client')?.revoked).toEqual({
      at: expect.any(String),
      reason: 'keyCompromise',
      invalidityDate: '2025-01-02T03:04:05.000Z',
    });
    expect(byCn.get('old-server.example.test')?.revoked?.reason).toBe('superseded');
    expect(byCn.get('no-key-server.example.test')?.hasKey).toBe(false);

    const root = byCn.get('XCA Root')!;
    const issuing = byCn.get('XCA Issuing')!;
    expect(issuing.issuerId).toBe(root.id);
    const leaf = await fx.call('certs:issue', {
      caId: issuing.id,
      profile: 'server',
      subject: { cn: 'new-server' },
      sans: [{ type: 'dns', value: 'new-server.example.test' }],
    });
    const rootPem = (await fx.call('certs:get', { id: root.id })).view.pem;
    const issuingPem = (await fx.call('certs:get', { id: issuing.id })).view.pem;
    writeFileSync(path.join(fx.dir, 'untrusted.pem'), issuingPem);
    expect(
      opensslVerify(fx.dir, rootPem, leaf.pem, 'sslserver', [
        '-untrusted',
        path.join(fx.dir, 'untrusted.pem'),
      ]),
    ).toContain('OK');

    const rootCrl = await fx.call('crl:generate', { caId: root.id });
    expect(rootCrl.number).toBe(42);
    const text = opensslCrlVerify(fx.dir, rootPem, rootCrl.pem);
    expect(text).toContain('Invalidity Date');
    expect(text).toContain(asOpenssl(byCn.get('xca-client')!.serial));
    expect((await fx.call('crl:generate', { caId: issuing.id })).number).toBe(8);
    expect((await fx.call('audit:verify', {})).ok).toBe(true);
    const audit = await fx.call('audit:list', {});
    expect(audit.filter((e) => e.operation === 'import.xca')).toHaveLength(1);

    const again = await fx.call('import:run', pick(fx, 'xca', XCA_DB, { password: XCA_PASSWORD }));
    expect(again.written).toBe(false);
    expect(again.counts.duplicates).toBe(7);
  });

  it('a DSA CA whose key XCA does not hold comes across tracked, and so does everything under it', async () => {
    const fx = await vault();
    // keyless-dsa-ca.xdb: "XCA DSA CA" (certificate only) -> "XCA DSA Sub CA" (P-256, key) -> dsa-sub-leaf,
    // and dsa-ca-leaf (P-256, key) of the DSA CA
    const input = pick(fx, 'xca', XCA_KEYLESS_DSA_CA, { password: XCA_PASSWORD });
    const preview = await fx.call('import:preview', input);
    const result = await importAndCheck(fx, input);
    for (const { items, counts } of [preview, result]) {
      const bySubject = new Map(items.map((i) => [i.subject, i]));
      const dsaCa = 'O=XCA Fixture, CN=XCA DSA CA';
      // the keys XCA holds for the Sub CA and the leaves stay in the database: tracked certificates never sign
      expect(items.filter((i) => i.hasKey).map((i) => i.subject)).toEqual([]);
      expect(counts.keys).toBe(0);
      expect(Object.fromEntries(items.map((i) => [i.subject, i.tracked ?? false]))).toEqual({
        [dsaCa]: true,
        'CN=XCA DSA Sub CA': true,
        'CN=dsa-ca-leaf.example.test': true,
        'CN=dsa-sub-leaf.example.test': true,
      });
      expect(bySubject.get(dsaCa)?.hasKey).toBe(false);
      expect(bySubject.get(dsaCa)?.notes.join(' ')).toMatch(
        /its dsa key cannot sign in CertDesk.*tracked for expiry only/,
      );
      const cannotSign = 'a CA CertDesk cannot sign with: tracked for expiry only; its key was left behind';
      expect(bySubject.get('CN=XCA DSA Sub CA')?.notes).toContain(`issued by "${dsaCa}", ${cannotSign}`);
      expect(bySubject.get('CN=dsa-ca-leaf.example.test')?.notes).toContain(
        `issued by "${dsaCa}", ${cannotSign}`,
      );
      expect(bySubject.get('CN=dsa-sub-leaf.example.test')?.notes).toContain(
        `issued by "CN=XCA DSA Sub CA" under "${dsaCa}", ${cannotSign}`,
      );
    }
    // no authority in the vault: neither the keyless DSA CA nor the EC CA under it
    expect(await fx.call('ca:list', {})).toEqual([]);
    const listed = await fx.call('certs:list', {});
    expect(listed).toHaveLength(4);
    expect(listed.filter((c) => !c.tracked).map((c) => c.subject)).toEqual([]);
    expect(listed.filter((c) => c.hasKey).map((c) => c.subject)).toEqual([]);
  });

  it('refuses a wrong database password and leaves the vault byte-identical', async () => {
    const fx = await vault();
    const before = readFileSync(fx.vaultPath);
    const err = await fx.fail('import:run', pick(fx, 'xca', XCA_DB, { password: 'not the password' }));
    expect(err.code).toBe('KEY_DECRYPT_FAILED');
    expect(err.message).toMatch(/database password is wrong/);
    expect(readFileSync(fx.vaultPath).equals(before)).toBe(true);
    expect(await fx.call('certs:list', {})).toHaveLength(0);
  });
});

describe('hostile sources', () => {
  async function refused(
    fx: Fixture,
    input: ChannelInput<'import:run'>,
    code: string,
    message: RegExp,
  ): Promise<void> {
    const before = readFileSync(fx.vaultPath);
    const err = await fx.fail('import:run', input);
    expect(err.code).toBe(code);
    expect(err.message).toMatch(message);
    expect(readFileSync(fx.vaultPath).equals(before)).toBe(true);
  }

  it('a truncated XCA database', async () => {
    const fx = await vault();
    const cut = path.join(fx.dir, 'cut.xdb');
    writeFileSync(cut, readFileSync(XCA_DB).subarray(0, 40_000));
    await refused(fx, pick(fx, 'xca', cut, { password: XCA_PASSWORD }), 'SOURCE_INVALID', /cut\.xdb/);
  });

  it('a file that is not a database', async () => {
    const fx = await vault();
    const junk = path.join(fx.dir, 'junk.xdb');
    writeFileSync(junk, Buffer.alloc(4096, 0x41));
    await refused(
      fx,
      pick(fx, 'xca', junk, { password: 'x' }),
      'SOURCE_INVALID',
      /junk\.xdb is not an XCA database/,
    );
  });

  it('a database over the size cap', async () => {
    const fx = await vault();
    const big = path.join(fx.dir, 'big.xdb');
    writeFileSync(big, '');
    truncateSync(big, 65 * 1024 * 1024);
    await refused(
      fx,
      pick(fx, 'xca', big, { password: 'x' }),
      'INVALID_INPUT',
      /big\.xdb is \d+ bytes; the limit/,
    );
  });

  it('an index.txt with a malformed line', async () => {
    const fx = await vault();
    const pki = path.join(fx.dir, 'pki');
    cpSync(EASY_EC, pki, { recursive: true });
    appendFileSync(path.join(pki, 'index.txt'), 'V\tnot-a-date\t\tZZ\tunknown\t/CN=x\n');
    await refused(fx, pick(fx, 'easy-rsa', pki), 'SOURCE_INVALID', /index\.txt line 5: unreadable expiry/);
  });

  it('a key that does not match its certificate', async () => {
    const fx = await vault();
    const pki = path.join(fx.dir, 'pki');
    cpSync(EASY_EC, pki, { recursive: true });
    renameSync(path.join(pki, 'private/dave.key'), path.join(pki, 'private/api.example.test.key'));
    await refused(
      fx,
      pick(fx, 'easy-rsa', pki),
      'KEY_MISMATCH',
      /private\/api\.example\.test\.key: the private key does not belong/,
    );
  });
});

describe('a second import', () => {
  it('says when the source revoked a certificate the vault already holds unrevoked', async () => {
    const fx = await vault();
    await fx.call('import:run', pick(fx, 'easy-rsa', EASY_EC));
    const pki = path.join(fx.dir, 'pki');
    cpSync(EASY_EC, pki, { recursive: true });
    const index = path.join(pki, 'index.txt');
    // dave revoked in the source after the first import (as `easyrsa revoke dave` writes it)
    const lines = readFileSync(index, 'utf8').split('\n');
    const dave = lines.findIndex((l) => l.endsWith('/CN=dave'));
    const fields = lines[dave]!.split('\t');
    lines[dave] = ['R', fields[1], '261231000000Z,superseded', ...fields.slice(3)].join('\t');
    writeFileSync(index, lines.join('\n'));
    const preview = await fx.call('import:preview', pick(fx, 'easy-rsa', pki));
    expect(preview.counts).toMatchObject({ cas: 0, leaves: 0, duplicates: 5 });
    const item = preview.items.find((i) => i.subject === 'CN=dave')!;
    expect(item.notes.join(' ')).toMatch(/revoked in the source but not in the vault/);
  });
});

describe('conflicts', () => {
  it('a vault CA with the same name and another key is refused until the operator chooses to leave it out', async () => {
    const fx = await vault();
    await fx.call('ca:create', { subject: { cn: 'Easy EC CA' } });
    const input = pick(fx, 'easy-rsa', EASY_EC);
    const preview = await fx.call('import:preview', input);
    expect(preview.counts.conflicts).toBe(5);
    expect(preview.items.find((i) => i.kind === 'ca')?.notes.join(' ')).toMatch(/different key\. Choose/);
    const before = readFileSync(fx.vaultPath);
    expect((await fx.fail('import:run', input)).code).toBe('IMPORT_CONFLICT');
    expect(readFileSync(fx.vaultPath).equals(before)).toBe(true);
    const skipped = await fx.call('import:run', pick(fx, 'easy-rsa', EASY_EC, { skipConflicts: true }));
    expect(skipped.written).toBe(false);
    expect(await fx.call('certs:list', {})).toHaveLength(1);
  });

  it.each([
    ['the same name in another string type (PrintableString against UTF8String)', 'nombstr', 'prime256v1'],
    ['the same name bytes and another key', 'utf8only', 'prime256v1'],
    // no CA here verifies what it signed, so the issuer's name bytes and key identifier decide
    ['a DSA key', 'utf8only', 'dsa'],
  ] as const)(
    'a look-alike CA with %s leaves out what it signed, not what the vault CA of that name signed',
    async (_, lookalikeMask, lookalikeKey) => {
      const fx = await vault();
      // The vault's CA "CN=Corp CA" (UTF8String), imported with its key; then its easy-rsa PKI is brought
      // across: the same CA, a look-alike "CN=Corp CA" with another key kept in issued/, and a leaf of each.
      writeCorpRoot(fx.dir, 'corp', 'utf8only', 1);
      writeCorpRoot(fx.dir, 'lookalike', lookalikeMask, 2, lookalikeKey);
      writeCorpLeaf(fx.dir, 'svc', 'corp', 3);
      writeCorpLeaf(fx.dir, 'device', 'lookalike', 4);
      const ca = await fx.call('ca:import', {
        certGrant: fx.grant(path.join(fx.dir, 'corp.crt'), 'read-file'),
        keyGrant: fx.grant(path.join(fx.dir, 'corp.key'), 'read-file'),
      });
      const pki = easyRsaFolder(
        fx,
        [
          ['corp', 'ca.crt'],
          ['lookalike', 'issued/old-ca.crt'],
          ['svc', 'issued/svc.crt'],
          ['device', 'issued/device.crt'],
        ],
        ['02', '03', '04'],
      );
      const preview = await fx.call('import:preview', pick(fx, 'easy-rsa', pki));
      const actions = Object.fromEntries(preview.items.map((i) => [i.item, i.action]));
      expect(actions).toEqual({
        'ca.crt': 'duplicate',
        'issued/old-ca.crt': 'conflict',
        'issued/device.crt': 'conflict',
        'issued/svc.crt': 'import',
      });
      const device = preview.items.find((i) => i.item === 'issued/device.crt')!;
      expect(device.notes.join(' ')).toMatch(
        /issued by "CN=Corp CA", a CA that conflicts with one in the vault/,
      );
      expect(preview.counts).toMatchObject({ leaves: 1, duplicates: 1, conflicts: 2 });

      const refused = await fx.fail('import:run', pick(fx, 'easy-rsa', pki));
      expect(refused.code).toBe('IMPORT_CONFLICT');
      expect(refused.message).toMatch(/^2 item\(s\) conflict/);
      const result = await fx.call('import:run', pick(fx, 'easy-rsa', pki, { skipConflicts: true }));
      expect(result.written).toBe(true);
      const leaves = await fx.call('certs:list', { kind: 'leaf' });
      expect(leaves.map((c) => c.sha256)).toEqual([
        preview.items.find((i) => i.item === 'issued/svc.crt')!.sha256,
      ]);
      // under the vault CA that signed it, renewable like anything CertDesk issues
      expect(leaves[0]!.issuerId).toBe(ca.id);
      expect(leaves[0]!.tracked).toBeUndefined();
    },
  );
});

describe('what a CA left out issued stays out with it, to any depth', () => {
  const CONFLICTS = 'a CA that conflicts with one in the vault';

  /** The vault's CA "CN=Corp CA" (UTF8String), imported with its key, in fx.dir as corp.crt and corp.key. */
  async function vaultWithCorpCa(): Promise<Fixture> {
    const fx = await vault();
    writeCorpRoot(fx.dir, 'corp', 'utf8only', 1);
    await fx.call('ca:import', {
      certGrant: fx.grant(path.join(fx.dir, 'corp.crt'), 'read-file'),
      keyGrant: fx.grant(path.join(fx.dir, 'corp.key'), 'read-file'),
    });
    return fx;
  }

  /**
   * A vault that imported its CA's easy-rsa PKI with svc (serial 03), and beside it, written but not imported,
   * an issuing CA of that CA with the same serial 03 (files `issuing.crt`, `issuing.key` in the fixture folder).
   */
  async function vaultWithIssuingCaOfAUsedSerial(): Promise<Fixture> {
    const fx = await vaultWithCorpCa();
    writeCorpLeaf(fx.dir, 'svc', 'corp', 3);
    const first = easyRsaFolder(
      fx,
      [
        ['corp', 'ca.crt'],
        ['svc', 'issued/svc.crt'],
      ],
      ['03'],
    );
    expect((await fx.call('import:run', pick(fx, 'easy-rsa', first))).written).toBe(true);
    writeCorpIntermediate(fx.dir, 'issuing', 'Corp Issuing CA', 'corp', 3);
    return fx;
  }

  const actionsOf = (preview: ImportPreview): Record<string, string> =>
    Object.fromEntries(preview.items.map((i) => [i.item, i.action]));
  const notesOf = (preview: ImportPreview, item: string): string =>
    preview.items.find((i) => i.item === item)!.notes.join(' ');

  it('a chain under a look-alike CA is refused, each item naming that CA, and left out whole with skipConflicts', async () => {
    const fx = await vaultWithCorpCa();
    // look-alike "CN=Corp CA" (another key) -> "CN=Corp Issuing CA" -> "CN=Corp Device CA" -> device leaf,
    // a web leaf of the issuing CA, and a leaf of the vault CA that comes across
    writeCorpRoot(fx.dir, 'lookalike', 'nombstr', 2);
    writeCorpIntermediate(fx.dir, 'issuing', 'Corp Issuing CA', 'lookalike', 5);
    writeCorpIntermediate(fx.dir, 'devices', 'Corp Device CA', 'issuing', 6);
    writeCorpLeaf(fx.dir, 'device', 'devices', 7);
    writeCorpLeaf(fx.dir, 'web', 'issuing', 8);
    writeCorpLeaf(fx.dir, 'svc', 'corp', 3);
    const pki = easyRsaFolder(
      fx,
      [
        ['corp', 'ca.crt'],
        ['lookalike', 'issued/old-ca.crt'],
        ['issuing', 'issued/issuing.crt'],
        ['devices', 'issued/devices.crt'],
        ['device', 'issued/device.crt'],
        ['web', 'issued/web.crt'],
        ['svc', 'issued/svc.crt'],
      ],
      ['02', '03', '05', '06', '07', '08'],
    );
    const preview = await fx.call('import:preview', pick(fx, 'easy-rsa', pki));
    expect(actionsOf(preview)).toEqual({
      'ca.crt': 'duplicate',
      'issued/old-ca.crt': 'conflict',
      'issued/issuing.crt': 'conflict',
      'issued/devices.crt': 'conflict',
      'issued/device.crt': 'conflict',
      'issued/web.crt': 'conflict',
      'issued/svc.crt': 'import',
    });
    expect(notesOf(preview, 'issued/issuing.crt')).toContain(`issued by "CN=Corp CA", ${CONFLICTS}`);
    expect(notesOf(preview, 'issued/devices.crt')).toContain(
      `issued by "CN=Corp Issuing CA" under "CN=Corp CA", ${CONFLICTS}`,
    );
    expect(notesOf(preview, 'issued/device.crt')).toContain(
      `issued by "CN=Corp Device CA" under "CN=Corp CA", ${CONFLICTS}`,
    );
    expect(notesOf(preview, 'issued/web.crt')).toContain(
      `issued by "CN=Corp Issuing CA" under "CN=Corp CA", ${CONFLICTS}`,
    );
    expect(preview.counts).toMatchObject({ cas: 0, leaves: 1, duplicates: 1, conflicts: 5 });

    const refused = await fx.fail('import:run', pick(fx, 'easy-rsa', pki));
    expect(refused.code).toBe('IMPORT_CONFLICT');
    expect(refused.message).toMatch(/^5 item\(s\) conflict/);
    const result = await fx.call('import:run', pick(fx, 'easy-rsa', pki, { skipConflicts: true }));
    expect(result.written).toBe(true);
    // nothing comes across without its issuer: only the vault CA's leaf, under that CA
    const listed = await fx.call('certs:list', {});
    expect(listed.map((c) => c.sha256).sort()).toEqual(
      [
        preview.items.find((i) => i.item === 'ca.crt')!.sha256,
        preview.items.find((i) => i.item === 'issued/svc.crt')!.sha256,
      ].sort(),
    );
    expect(listed.filter((c) => c.kind === 'leaf').every((c) => c.issuerId !== undefined)).toBe(true);
  });

  it('a CA that a CA coming across also certified keeps what it issued', async () => {
    const fx = await vaultWithCorpCa();
    // one key and name "CN=Corp Issuing CA" certified twice: by the look-alike and by the vault CA
    writeCorpRoot(fx.dir, 'lookalike', 'nombstr', 2);
    writeCorpIntermediate(fx.dir, 'cross', 'Corp Issuing CA', 'lookalike', 5, 'issuing');
    writeCorpIntermediate(fx.dir, 'issuing', 'Corp Issuing CA', 'corp', 6);
    writeCorpLeaf(fx.dir, 'web', 'issuing', 7);
    const pki = easyRsaFolder(
      fx,
      [
        ['corp', 'ca.crt'],
        ['lookalike', 'issued/old-ca.crt'],
        ['cross', 'issued/cross.crt'],
        ['issuing', 'issued/issuing.crt'],
        ['web', 'issued/web.crt'],
      ],
      ['02', '05', '06', '07'],
    );
    const preview = await fx.call('import:preview', pick(fx, 'easy-rsa', pki));
    expect(actionsOf(preview)).toEqual({
      'ca.crt': 'duplicate',
      'issued/old-ca.crt': 'conflict',
      'issued/cross.crt': 'conflict',
      'issued/issuing.crt': 'import',
      'issued/web.crt': 'import',
    });
  });

  it('CAs under a look-alike CA that certify each other stay out with it', async () => {
    const fx = await vaultWithCorpCa();
    // look-alike -> ring (key ring) -> peer -> ring again (key ring): a cycle of names and keys
    writeCorpRoot(fx.dir, 'lookalike', 'nombstr', 2);
    writeCorpIntermediate(fx.dir, 'ring', 'Corp Ring CA', 'lookalike', 5);
    writeCorpIntermediate(fx.dir, 'peer', 'Corp Peer CA', 'ring', 6);
    writeCorpIntermediate(fx.dir, 'ring-again', 'Corp Ring CA', 'peer', 7, 'ring');
    writeCorpLeaf(fx.dir, 'web', 'peer', 8);
    const pki = easyRsaFolder(
      fx,
      [
        ['corp', 'ca.crt'],
        ['lookalike', 'issued/old-ca.crt'],
        ['ring', 'issued/ring.crt'],
        ['peer', 'issued/peer.crt'],
        ['ring-again', 'issued/ring-again.crt'],
        ['web', 'issued/web.crt'],
      ],
      ['02', '05', '06', '07', '08'],
    );
    const preview = await fx.call('import:preview', pick(fx, 'easy-rsa', pki));
    expect(actionsOf(preview)).toEqual({
      'ca.crt': 'duplicate',
      'issued/old-ca.crt': 'conflict',
      'issued/ring.crt': 'conflict',
      'issued/peer.crt': 'conflict',
      'issued/ring-again.crt': 'conflict',
      'issued/web.crt': 'conflict',
    });
    expect(notesOf(preview, 'issued/ring-again.crt')).toContain(
      `issued by "CN=Corp Peer CA" under "CN=Corp CA", ${CONFLICTS}`,
    );
  });

  it('what a CA left out for a serial already used in the vault issued stays out with it', async () => {
    const fx = await vaultWithIssuingCaOfAUsedSerial();
    writeCorpLeaf(fx.dir, 'web', 'issuing', 4);
    const pki = easyRsaFolder(
      fx,
      [
        ['issuing', 'issued/issuing.crt'],
        ['web', 'issued/web.crt'],
      ],
      ['03', '04'],
    );
    const preview = await fx.call('import:preview', pick(fx, 'easy-rsa', pki));
    expect(actionsOf(preview)).toMatchObject({
      'issued/issuing.crt': 'conflict',
      'issued/web.crt': 'conflict',
    });
    expect(notesOf(preview, 'issued/issuing.crt')).toMatch(
      /serial \S+ is already used by another certificate of "CN=Corp CA"/,
    );
    expect(notesOf(preview, 'issued/web.crt')).toContain(
      'issued by "CN=Corp Issuing CA", a CA whose serial is already used in the vault',
    );
  });

  it('a CRL signed by a CA left out says which CA and why, and its number is ignored', async () => {
    const fx = await vaultWithCorpCa();
    writeCorpRoot(fx.dir, 'lookalike', 'nombstr', 2);
    writeCorpIntermediate(fx.dir, 'issuing', 'Corp Issuing CA', 'lookalike', 5);
    const pki = easyRsaFolder(
      fx,
      [
        ['corp', 'ca.crt'],
        ['lookalike', 'issued/old-ca.crt'],
        ['issuing', 'issued/issuing.crt'],
      ],
      ['02', '05'],
    );
    const leftOut = [
      ['lookalike', '"CN=Corp CA", a CA left out of this import (it conflicts with one in the vault)'],
      [
        'issuing',
        `"CN=Corp Issuing CA", a CA left out of this import (issued by "CN=Corp CA", ${CONFLICTS})`,
      ],
    ] as const;
    for (const [ca, signer] of leftOut) {
      writeCorpCrl(fx.dir, ca, 9);
      cpSync(path.join(fx.dir, `${ca}.crl`), path.join(pki, 'crl.pem'));
      const preview = await fx.call('import:preview', pick(fx, 'easy-rsa', pki));
      expect(preview.problems).toEqual([
        { item: 'crl.pem', message: `signed by ${signer}: its number is ignored` },
      ]);
      expect(preview.crls).toEqual([]);
      expect(preview.counts.crlNumbers).toBe(0);
    }
  });

  it('a CRL signed by a CA left out for a serial already used in the vault says so', async () => {
    const fx = await vaultWithIssuingCaOfAUsedSerial();
    writeCorpCrl(fx.dir, 'issuing', 4);
    const pki = easyRsaFolder(fx, [['issuing', 'issued/issuing.crt']], ['03']);
    cpSync(path.join(fx.dir, 'issuing.crl'), path.join(pki, 'crl.pem'));
    const preview = await fx.call('import:preview', pick(fx, 'easy-rsa', pki));
    expect(preview.problems).toContainEqual({
      item: 'crl.pem',
      message:
        'signed by "CN=Corp Issuing CA", a CA left out of this import (its serial is already used in the vault): ' +
        'its number is ignored',
    });
    expect(preview.crls).toEqual([]);
  });
});

describe('what a tracked CA of the source issued is tracked: by the signer, not by a name that displays alike', () => {
  it('with two CAs displayed as CN=Corp CA, only the leaf the tracked one signed is tracked', async () => {
    const fx = await vault();
    // an easy-rsa PKI whose CA (UTF8String "Corp CA", P-256) can sign here, and in issued/ a look-alike CA
    // (PrintableString "Corp CA", P-521: a key CertDesk cannot sign with, so it comes across tracked)
    writeCorpRoot(fx.dir, 'usable', 'utf8only', 1);
    writeCorpRoot(fx.dir, 'p521', 'nombstr', 2, 'secp521r1');
    writeCorpLeaf(fx.dir, 'svc', 'usable', 3);
    writeCorpLeaf(fx.dir, 'device', 'p521', 4);
    const pki = easyRsaFolder(
      fx,
      [
        ['usable', 'ca.crt'],
        ['p521', 'issued/old-ca.crt'],
        ['svc', 'issued/svc.crt'],
        ['device', 'issued/device.crt'],
      ],
      ['02', '03', '04'],
    );
    const result = await importAndCheck(fx, pick(fx, 'easy-rsa', pki));
    const cas = result.items.filter((i) => i.kind === 'ca');
    expect(cas.map((i) => [i.item, i.tracked ?? false])).toEqual(
      expect.arrayContaining([
        ['ca.crt', false],
        ['issued/old-ca.crt', true],
      ]),
    );
    const leaf = (item: string): ImportResult['items'][number] => result.items.find((i) => i.item === item)!;
    expect(leaf('issued/device.crt').tracked).toBe(true);
    expect(leaf('issued/svc.crt').tracked).toBeUndefined();
    expect(leaf('issued/svc.crt').notes.join(' ')).not.toMatch(/tracked for expiry only/);
    const listed = await fx.call('certs:list', { kind: 'leaf' });
    const device = listed.find((c) => c.sha256 === leaf('issued/device.crt').sha256)!;
    const svc = listed.find((c) => c.sha256 === leaf('issued/svc.crt').sha256)!;
    expect(device.tracked).toBe(true);
    expect(svc.tracked).toBeUndefined();
    // the leaf of the usable CA can be renewed here, like any certificate CertDesk can sign for
    expect(svc.issuerId).toBe((await fx.call('ca:list', {})).find((c) => !c.tracked)!.id);
  });

  it('a leaf a DSA CA signed (a signature CertDesk cannot verify) is tracked by its issuer name, as before', async () => {
    const fx = await vault();
    writeCorpRoot(fx.dir, 'usable', 'utf8only', 1);
    const sh = opensslIn(fx.dir);
    sh(['dsaparam', '-genkey', '-noout', '-out', 'dsa.key', '2048']);
    const dsaCa = [
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign',
    ];
    sh([
      'req',
      '-x509',
      '-new',
      '-key',
      'dsa.key',
      '-subj',
      '/CN=DSA CA',
      ...dsaCa,
      '-set_serial',
      '2',
      '-out',
      'dsa.crt',
    ]);
    sh(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'dev.key']);
    sh(['req', '-new', '-key', 'dev.key', '-subj', '/CN=dev.example.test', '-out', 'dev.csr']);
    sh([
      'x509',
      '-req',
      '-in',
      'dev.csr',
      '-CA',
      'dsa.crt',
      '-CAkey',
      'dsa.key',
      '-set_serial',
      '3',
      '-out',
      'dev.crt',
    ]);
    const pki = easyRsaFolder(
      fx,
      [
        ['usable', 'ca.crt'],
        ['dsa', 'issued/dsa-ca.crt'],
        ['dev', 'issued/dev.crt'],
      ],
      ['02', '03'],
    );
    const result = await importAndCheck(fx, pick(fx, 'easy-rsa', pki));
    expect(result.items.find((i) => i.item === 'issued/dsa-ca.crt')?.tracked).toBe(true);
    const dev = result.items.find((i) => i.item === 'issued/dev.crt')!;
    expect(dev.tracked).toBe(true);
    expect(dev.notes.join(' ')).toMatch(/issued by "CN=DSA CA", a CA CertDesk cannot sign with/);
  });

  it('everything under a DSA CA is tracked, to any depth, each item naming that CA', async () => {
    const fx = await vault();
    // an easy-rsa-shaped PKI whose CA "CN=Corp CA" has a DSA key (tracked), with below it P-256 CAs that
    // CertDesk could sign with: DSA root -> "CN=Corp Issuing CA" -> "CN=Corp Device CA" -> device leaf, and a
    // web leaf of the issuing CA; the device CA's key is in the PKI
    writeCorpRoot(fx.dir, 'dsa', 'utf8only', 1, 'dsa');
    writeCorpIntermediate(fx.dir, 'issuing', 'Corp Issuing CA', 'dsa', 5);
    writeCorpIntermediate(fx.dir, 'devices', 'Corp Device CA', 'issuing', 6);
    writeCorpLeaf(fx.dir, 'device', 'devices', 7);
    writeCorpLeaf(fx.dir, 'web', 'issuing', 8);
    const pki = easyRsaFolder(
      fx,
      [
        ['dsa', 'ca.crt'],
        ['issuing', 'issued/issuing.crt'],
        ['devices', 'issued/devices.crt'],
        ['device', 'issued/device.crt'],
        ['web', 'issued/web.crt'],
      ],
      ['05', '06', '07', '08'],
    );
    mkdirSync(path.join(pki, 'private'));
    cpSync(path.join(fx.dir, 'devices.key'), path.join(pki, 'private/devices.key'));
    const result = await importAndCheck(fx, pick(fx, 'easy-rsa', pki));
    const item = (name: string): ImportResult['items'][number] => result.items.find((i) => i.item === name)!;
    const tracked = Object.fromEntries(result.items.map((i) => [i.item, i.tracked ?? false]));
    expect(tracked).toEqual({
      'ca.crt': true,
      'issued/issuing.crt': true,
      'issued/devices.crt': true,
      'issued/device.crt': true,
      'issued/web.crt': true,
    });
    const cannotSign = 'a CA CertDesk cannot sign with: tracked for expiry only';
    expect(item('issued/issuing.crt').notes).toContain(`issued by "CN=Corp CA", ${cannotSign}`);
    expect(item('issued/devices.crt').notes).toContain(
      `issued by "CN=Corp Issuing CA" under "CN=Corp CA", ${cannotSign}; its key was left behind`,
    );
    // the Device CA's private/devices.key stays in the PKI: a tracked certificate never signs
    expect(item('issued/devices.crt').hasKey).toBe(false);
    expect(result.counts.keys).toBe(0);
    expect(item('issued/web.crt').notes).toContain(
      `issued by "CN=Corp Issuing CA" under "CN=Corp CA", ${cannotSign}`,
    );
    expect(item('issued/device.crt').notes).toContain(
      `issued by "CN=Corp Device CA" under "CN=Corp CA", ${cannotSign}`,
    );
    // no authority in the vault under a CA that is not one; every leaf watched for expiry, renewed elsewhere
    expect(await fx.call('ca:list', {})).toEqual([]);
    const listed = await fx.call('certs:list', {});
    expect(listed.filter((c) => !c.tracked).map((c) => c.subject)).toEqual([]);
    expect(listed.filter((c) => c.hasKey).map((c) => c.subject)).toEqual([]);
    const web = listed.find((c) => c.sha256 === item('issued/web.crt').sha256)!;
    expect(web.issuerId).toBe(listed.find((c) => c.sha256 === item('issued/issuing.crt').sha256)!.id);
    const renew = await fx.fail('certs:renew', { id: web.id });
    expect(renew.message).toMatch(/is a tracked certificate: it is renewed where it was issued/);
  });

  it('a CA that a usable CA also certified is not tracked for its copy under a DSA CA, nor is what it issued', async () => {
    const fx = await vault();
    // one key and name "CN=Corp Issuing CA" certified twice: by the PKI's usable CA and by a DSA CA
    writeCorpRoot(fx.dir, 'corp', 'utf8only', 1);
    writeCorpRoot(fx.dir, 'dsa', 'nombstr', 2, 'dsa');
    writeCorpIntermediate(fx.dir, 'cross', 'Corp Issuing CA', 'dsa', 5, 'issuing');
    writeCorpIntermediate(fx.dir, 'issuing', 'Corp Issuing CA', 'corp', 6);
    writeCorpLeaf(fx.dir, 'web', 'issuing', 7);
    const pki = easyRsaFolder(
      fx,
      [
        ['corp', 'ca.crt'],
        ['dsa', 'issued/dsa-ca.crt'],
        ['cross', 'issued/cross.crt'],
        ['issuing', 'issued/issuing.crt'],
        ['web', 'issued/web.crt'],
      ],
      ['02', '05', '06', '07'],
    );
    const result = await importAndCheck(fx, pick(fx, 'easy-rsa', pki));
    const tracked = Object.fromEntries(result.items.map((i) => [i.item, i.tracked ?? false]));
    expect(tracked).toEqual({
      'ca.crt': false,
      'issued/dsa-ca.crt': true,
      'issued/cross.crt': true,
      'issued/issuing.crt': false,
      'issued/web.crt': false,
    });
    // its parent is the Issuing CA that can renew and revoke it, not the tracked copy, now and after an unlock
    for (const reopen of [false, true]) {
      if (reopen) {
        await fx.call('vault:lock', {});
        await fx.call('vault:unlock', { passphrase: PASSPHRASE });
      }
      const listed = await fx.call('certs:list', {});
      const bySha = (item: string): CertSummary =>
        listed.find((c) => c.sha256 === result.items.find((i) => i.item === item)!.sha256)!;
      expect(bySha('issued/web.crt').issuerId).toBe(bySha('issued/issuing.crt').id);
    }
  });
});

describe('what a CA the operator tracked in the vault issued comes across tracked, to any depth', () => {
  it('an easy-rsa PKI of a sub-CA of a tracked CA: the sub-CA, its leaf and a leaf of the tracked CA', async () => {
    const fx = await vault();
    // "CN=Corp CA" (P-256: a key CertDesk could sign with) is tracked with certs:track, without its key; the
    // PKI imported later is its sub-CA's: ca.crt "CN=Corp Issuing CA" with private/ca.key, a web leaf of the
    // Issuing CA and a leaf that "CN=Corp CA" signed directly
    writeCorpRoot(fx.dir, 'corp', 'utf8only', 1);
    writeCorpIntermediate(fx.dir, 'issuing', 'Corp Issuing CA', 'corp', 5);
    writeCorpLeaf(fx.dir, 'web', 'issuing', 6);
    writeCorpLeaf(fx.dir, 'svc', 'corp', 7);
    const corp = await fx.call('certs:track', {
      certPem: readFileSync(path.join(fx.dir, 'corp.crt'), 'utf8'),
    });
    const corpId = corp.added[0]!.id;
    const pki = easyRsaFolder(
      fx,
      [
        ['issuing', 'ca.crt'],
        ['web', 'issued/web.crt'],
        ['svc', 'issued/svc.crt'],
      ],
      ['06', '07'],
    );
    mkdirSync(path.join(pki, 'private'));
    cpSync(path.join(fx.dir, 'issuing.key'), path.join(pki, 'private/ca.key'));
    const preview = await fx.call('import:preview', pick(fx, 'easy-rsa', pki));
    const inVault = 'a CA tracked in the vault: tracked for expiry only';
    const expected = {
      'ca.crt': `issued by "CN=Corp CA", ${inVault}; its key was left behind`,
      'issued/web.crt': `issued by "CN=Corp Issuing CA" under "CN=Corp CA", ${inVault}`,
      'issued/svc.crt': `issued by "CN=Corp CA", ${inVault}`,
    };
    const result = await importAndCheck(fx, pick(fx, 'easy-rsa', pki));
    for (const { items, counts } of [preview, result]) {
      expect(Object.fromEntries(items.map((i) => [i.item, i.tracked ?? false]))).toEqual({
        'ca.crt': true,
        'issued/web.crt': true,
        'issued/svc.crt': true,
      });
      for (const [item, note] of Object.entries(expected))
        expect(items.find((i) => i.item === item)!.notes).toContain(note);
      // the Issuing CA's private/ca.key stays in the PKI: a tracked certificate never signs
      expect(items.find((i) => i.item === 'ca.crt')!.hasKey).toBe(false);
      expect(counts.keys).toBe(0);
    }
    // no authority in the vault under a CA it only watches; every certificate watched, renewed elsewhere
    for (const reopen of [false, true]) {
      if (reopen) {
        await fx.call('vault:lock', {});
        await fx.call('vault:unlock', { passphrase: PASSPHRASE });
      }
      expect(await fx.call('ca:list', {})).toEqual([]);
      const listed = await fx.call('certs:list', {});
      expect(listed.filter((c) => !c.tracked).map((c) => c.subject)).toEqual([]);
      expect(listed.filter((c) => c.hasKey).map((c) => c.subject)).toEqual([]);
      expect(listed.map((c) => c.id)).toContain(corpId);
    }
    const web = (await fx.call('certs:list', { kind: 'leaf' })).find(
      (c) => c.issuer === 'CN=Corp Issuing CA',
    )!;
    const renew = await fx.fail('certs:renew', { id: web.id });
    expect(renew.message).toMatch(/is a tracked certificate: it is renewed where it was issued/);
    const revoke = await fx.fail('certs:revoke', { id: web.id, reason: 'superseded' });
    expect(revoke.message).toMatch(/is a tracked certificate: it is revoked where it was issued/);
  });

  it('a leaf of a vault CA is not tracked for a tracked certificate of the same CA key and name', async () => {
    const fx = await vault();
    // the vault's CA "CN=Corp CA" with its key, and tracked beside it another certificate of that key and name
    // (re-issued, serial 9): the leaf the key signed has the authority as its parent
    writeCorpRoot(fx.dir, 'corp', 'utf8only', 1);
    const corp = await fx.call('ca:import', {
      certGrant: fx.grant(path.join(fx.dir, 'corp.crt'), 'read-file'),
      keyGrant: fx.grant(path.join(fx.dir, 'corp.key'), 'read-file'),
    });
    const reissue = ['req', '-x509', '-new', '-config', 'corp.cnf', '-extensions', 'ca', '-key', 'corp.key'];
    opensslIn(fx.dir)([...reissue, '-days', '365', '-set_serial', '9', '-out', 'reissued.crt']);
    const pem = readFileSync(path.join(fx.dir, 'reissued.crt'), 'utf8');
    expect((await fx.call('certs:track', { certPem: pem })).added).toHaveLength(1);
    writeCorpLeaf(fx.dir, 'svc', 'corp', 7);
    const pki = easyRsaFolder(
      fx,
      [
        ['corp', 'ca.crt'],
        ['svc', 'issued/svc.crt'],
      ],
      ['07'],
    );
    const result = await importAndCheck(fx, pick(fx, 'easy-rsa', pki));
    const svc = result.items.find((i) => i.item === 'issued/svc.crt')!;
    expect(svc.tracked).toBeUndefined();
    expect(svc.notes.join(' ')).not.toMatch(/tracked for expiry only/);
    const listed = (await fx.call('certs:list', { kind: 'leaf' })).find((c) => c.sha256 === svc.sha256)!;
    expect(listed.issuerId).toBe(corp.id);
  });
});
