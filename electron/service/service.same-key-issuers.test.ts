import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serialValue } from '../core/pki';
import { readCrl } from '../core/pki/crl';
import { firstBlockOf } from '../core/pki/pem';
import { makeFixture, opensslIn, type Fixture } from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

/** The CRL in a PEM text, read by the one PEM codec. */
const crlDer = (pem: string): Uint8Array => firstBlockOf(pem, ['crl'], 'CRL');

/**
 * One CA key with two certificates (the CA certificate re-issued for the same key and name, both imported
 * with the key, the older first) and a leaf issued by the newer one: both certificates' keys verify it.
 */
async function reissuedCa(
  olderDays = '400',
  /** the service clock; default the real one */
  clock?: { now: Date },
): Promise<{ fx: Fixture; olderId: string; newerId: string }> {
  const fx = await makeFixture({ now: () => clock?.now ?? new Date() });
  fixtures.push(fx);
  await fx.call('vault:create', { passphrase: 'correct horse battery staple' });
  const sh = opensslIn(fx.dir);
  writeFileSync(
    path.join(fx.dir, 'ext.cnf'),
    [
      '[root]',
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
      '',
    ].join('\n'),
  );
  sh(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'ca.key']);
  const ids: string[] = [];
  for (const [name, serial, days] of [
    ['older', '1', olderDays],
    ['newer', '2', '800'],
  ] as const) {
    sh(
      ['req', '-x509', '-new', '-key', 'ca.key', '-subj', '/CN=reissued root', '-days', days].concat([
        '-set_serial',
        serial,
        '-config',
        'ext.cnf',
        '-extensions',
        'root',
        '-out',
        `${name}.crt`,
      ]),
    );
    const ca = await fx.call('ca:import', {
      certGrant: fx.grant(path.join(fx.dir, `${name}.crt`), 'read-file'),
      keyGrant: fx.grant(path.join(fx.dir, 'ca.key'), 'read-file'),
    });
    ids.push(ca.id);
  }
  return { fx, olderId: ids[0]!, newerId: ids[1]! };
}

describe('revocations under two certificates of one CA key', () => {
  it("publishes a revoked leaf in the CRL of the CA certificate that issued it, and in its twin's", async () => {
    const { fx, olderId, newerId } = await reissuedCa();
    const leaf = await fx.call('certs:issue', {
      caId: newerId,
      profile: 'server',
      subject: { cn: 'svc.example.test' },
      sans: [{ type: 'dns', value: 'svc.example.test' }],
    });
    await fx.call('certs:revoke', { id: leaf.summary.id, reason: 'keyCompromise' });
    const serial = serialValue(leaf.summary.serial);

    const newer = readCrl(crlDer((await fx.call('crl:generate', { caId: newerId })).pem));
    expect([...newer.bySerial.keys()]).toEqual([serial]);
    // the older certificate's CRL is signed by the same key under the same name: relying parties read it too
    const older = readCrl(crlDer((await fx.call('crl:generate', { caId: olderId })).pem));
    expect([...older.bySerial.keys()]).toEqual([serial]);
  });

  it('lists what the current certificate issued as valid once the older one has expired, and still finds revocations', async () => {
    const clock = { now: new Date(Date.now() + 60_000) };
    const { fx, newerId } = await reissuedCa('30', clock);
    clock.now = new Date(clock.now.getTime() + 60 * 86_400_000);
    const sub = await fx.call('ca:create', { subject: { cn: 'issuing' }, parentId: newerId });
    const leaf = await fx.call('certs:issue', {
      caId: sub.summary.id,
      profile: 'server',
      subject: { cn: 'svc.example.test' },
      sans: [{ type: 'dns', value: 'svc.example.test' }],
    });
    // openssl, given both certificates of the key, takes the one valid at its clock
    writeFileSync(path.join(fx.dir, 'sub.crt'), sub.pem);
    writeFileSync(path.join(fx.dir, 'leaf.crt'), leaf.pem);
    const at = String(Math.floor(clock.now.getTime() / 1000));
    const peer = execFileSync(
      'sh',
      [
        '-c',
        `cat older.crt newer.crt > both.crt && openssl verify -attime ${at} -CAfile both.crt -untrusted sub.crt leaf.crt`,
      ],
      { cwd: fx.dir, encoding: 'utf8' },
    );
    expect(peer).toContain('leaf.crt: OK');
    const detail = await fx.call('certs:get', { id: leaf.summary.id });
    expect(detail.summary.invalidReason).toBeUndefined();
    expect(detail.chain.map((l) => l.id)).toEqual([leaf.summary.id, sub.summary.id, newerId]);
    const listed = (await fx.call('certs:list', {})).find((c) => c.id === leaf.summary.id);
    expect(listed?.invalidReason).toBeUndefined();

    await fx.call('certs:revoke', { id: sub.summary.id, reason: 'keyCompromise' });
    const after = (await fx.call('certs:list', {})).find((c) => c.id === leaf.summary.id);
    expect(after?.invalidReason).toMatch(/^CA "CN=issuing": revoked on /);
    const newer = readCrl(crlDer((await fx.call('crl:generate', { caId: newerId })).pem));
    expect([...newer.bySerial.keys()]).toEqual([serialValue(sub.summary.serial)]);
  });

  it('exports the CRL of the CA certificate the chain runs through, not the last one of the expired copy', async () => {
    const clock = { now: new Date(Date.now() + 60_000) };
    const { fx, olderId, newerId } = await reissuedCa('30', clock);
    const leaf = await fx.call('certs:issue', {
      caId: olderId,
      profile: 'server',
      subject: { cn: 'svc.example.test' },
      sans: [{ type: 'dns', value: 'svc.example.test' }],
    });
    await fx.call('crl:generate', { caId: olderId });
    clock.now = new Date(clock.now.getTime() + 60 * 86_400_000);
    await fx.call('certs:revoke', { id: leaf.summary.id, reason: 'keyCompromise' });
    await fx.call('crl:generate', { caId: newerId });

    const out = path.join(fx.dir, 'out');
    mkdirSync(out);
    const exported = await fx.call('export:bundle', {
      ids: [leaf.summary.id],
      folderGrant: fx.grant(out),
      keyPassphrase: 'a long export passphrase',
      includeCrl: true,
    });
    const dir = exported.bundles[0]!.dir;
    expect(readFileSync(path.join(dir, 'ca.crt'), 'utf8')).toBe(
      readFileSync(path.join(fx.dir, 'newer.crt'), 'utf8'),
    );
    const crl = readCrl(crlDer(readFileSync(path.join(dir, 'crl.pem'), 'utf8')));
    expect([...crl.bySerial.keys()]).toEqual([serialValue(leaf.summary.serial)]);
  });

  it('renews a leaf of the expired copy with the current certificate of the same CA key', async () => {
    const clock = { now: new Date(Date.now() + 60_000) };
    const { fx, olderId, newerId } = await reissuedCa('30', clock);
    const leaf = await fx.call('certs:issue', {
      caId: olderId,
      profile: 'server',
      subject: { cn: 'svc.example.test' },
      sans: [{ type: 'dns', value: 'svc.example.test' }],
      validity: { days: 25 },
    });
    clock.now = new Date(clock.now.getTime() + 60 * 86_400_000);
    const renewed = await fx.call('certs:renew', { id: leaf.summary.id });
    expect(renewed.summary.issuerId).toBe(newerId);
    const detail = await fx.call('certs:get', { id: renewed.summary.id });
    expect(detail.summary.invalidReason).toBeUndefined();
    expect(detail.chain.map((l) => l.id)).toEqual([renewed.summary.id, newerId]);
    // Both certificates' keys verify it: the next unlock keeps the parent it was issued under.
    await fx.call('vault:lock', {});
    await fx.call('vault:unlock', { passphrase: 'correct horse battery staple' });
    expect((await fx.call('certs:get', { id: renewed.summary.id })).summary.issuerId).toBe(newerId);
  });
});
