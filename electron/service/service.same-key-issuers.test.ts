import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serialValue } from '../core/pki';
import { readCrl } from '../core/pki/crl';
import { makeFixture, type Fixture } from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

const pemToDer = (pem: string): Uint8Array =>
  new Uint8Array(Buffer.from(pem.replace(/-----[A-Z0-9 ]+-----/g, '').replace(/\s+/g, ''), 'base64'));

/**
 * One CA key with two certificates (the CA certificate re-issued for the same key and name, both imported
 * with the key, the older first) and a leaf issued by the newer one: both certificates' keys verify it.
 */
async function reissuedCa(): Promise<{ fx: Fixture; olderId: string; newerId: string }> {
  const fx = await makeFixture({ now: () => new Date() });
  fixtures.push(fx);
  await fx.call('vault:create', { passphrase: 'correct horse battery staple' });
  const sh = (args: string[]): string =>
    execFileSync('openssl', args, { cwd: fx.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
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
    ['older', '1', '400'],
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

    const newer = readCrl(pemToDer((await fx.call('crl:generate', { caId: newerId })).pem));
    expect([...newer.bySerial.keys()]).toEqual([serial]);
    // the older certificate's CRL is signed by the same key under the same name: relying parties read it too
    const older = readCrl(pemToDer((await fx.call('crl:generate', { caId: olderId })).pem));
    expect([...older.bySerial.keys()]).toEqual([serial]);
  });
});
