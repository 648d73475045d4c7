import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serialValue } from '../core/pki';
import { readCrl } from '../core/pki/crl';
import { firstBlockOf } from '../core/pki/pem';
import { makeFixture, opensslIn, PASSPHRASE, type Fixture } from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

/** The CRL in a PEM text, read by the one PEM codec. */
const crlDer = (pem: string): Uint8Array => firstBlockOf(pem, ['crl'], 'CRL');

/**
 * Two vault roots named "twin root" (one created, one imported with its key) and a CA signed by the
 * imported one, imported after both: its issuer name matches both roots, so only the key decides which
 * one signed it.
 */
async function twins(): Promise<{ fx: Fixture; createdId: string; importedId: string; issuingId: string }> {
  const fx = await makeFixture({ now: () => new Date() });
  fixtures.push(fx);
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  const created = await fx.call('ca:create', { subject: { cn: 'twin root' } });
  const sh = opensslIn(fx.dir);
  writeFileSync(
    path.join(fx.dir, 'ext.cnf'),
    [
      '[root]',
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
      '[sub]',
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      '',
    ].join('\n'),
  );
  for (const n of ['twin', 'issuing'])
    sh(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${n}.key`]);
  sh(
    ['req', '-x509', '-new', '-key', 'twin.key', '-subj', '/CN=twin root', '-days', '400'].concat([
      '-config',
      'ext.cnf',
      '-extensions',
      'root',
      '-out',
      'twin.crt',
    ]),
  );
  sh(['req', '-new', '-key', 'issuing.key', '-subj', '/CN=issuing', '-out', 'issuing.csr']);
  sh(
    [
      'x509',
      '-req',
      '-in',
      'issuing.csr',
      '-CA',
      'twin.crt',
      '-CAkey',
      'twin.key',
      '-set_serial',
      '77',
    ].concat(['-days', '300', '-extfile', 'ext.cnf', '-extensions', 'sub', '-out', 'issuing.crt']),
  );
  const imported = await fx.call('ca:import', {
    certGrant: fx.grant(path.join(fx.dir, 'twin.crt'), 'read-file'),
    keyGrant: fx.grant(path.join(fx.dir, 'twin.key'), 'read-file'),
  });
  expect(imported.subject).toBe(created.summary.subject);
  const issuing = await fx.call('ca:import', {
    certGrant: fx.grant(path.join(fx.dir, 'issuing.crt'), 'read-file'),
  });
  return { fx, createdId: created.summary.id, importedId: imported.id, issuingId: issuing.id };
}

describe('revocations under two vault CAs with the same name', () => {
  it('lists a revoked CA as revoked when the other root of the same name comes first', async () => {
    const { fx, importedId, issuingId } = await twins();
    const before = await fx.call('certs:get', { id: issuingId });
    expect(before.chain.map((l) => l.id)).toEqual([issuingId, importedId]);
    expect(before.summary.invalidReason).toBeUndefined();

    await fx.call('certs:revoke', { id: issuingId, reason: 'keyCompromise' });
    const row = (await fx.call('certs:list', {})).find((c) => c.id === issuingId);
    expect(row?.invalidReason).toMatch(/^revoked on .* \(keyCompromise\)$/);
    const caRow = (await fx.call('ca:list', {})).find((c) => c.id === issuingId);
    expect(caRow?.invalidReason).toBe(row?.invalidReason);

    const detail = await fx.call('certs:get', { id: issuingId });
    expect(detail.chain.map((l) => l.id)).toEqual([issuingId, importedId]);
    expect(detail.chain[0]?.checks.find((c) => c.check === 'revocation')).toMatchObject({ ok: false });
    expect(detail.summary.invalidReason).toBe(row?.invalidReason);

    // after a restart (the verdicts come from the stored records alone)
    await fx.call('vault:lock', {});
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    const again = (await fx.call('certs:list', {})).find((c) => c.id === issuingId);
    expect(again?.invalidReason).toBe(row?.invalidReason);
  });

  it('publishes the revocation in the CRL of the CA that signed it, not of its namesake', async () => {
    const { fx, createdId, importedId, issuingId } = await twins();
    await fx.call('certs:revoke', { id: issuingId, reason: 'keyCompromise' });

    const mine = readCrl(crlDer((await fx.call('crl:generate', { caId: importedId })).pem));
    expect([...mine.bySerial.keys()]).toEqual([77n]);
    const namesake = readCrl(crlDer((await fx.call('crl:generate', { caId: createdId })).pem));
    expect(namesake.bySerial.size).toBe(0);

    // openssl reads the published CRL the same way
    const crl = await fx.call('crl:latest', { caId: importedId });
    writeFileSync(path.join(fx.dir, 'twin.crl'), crl!.pem);
    const peer = spawnSync(
      'openssl',
      ['verify', '-crl_check', '-CRLfile', 'twin.crl', '-CAfile', 'twin.crt', 'issuing.crt'],
      { cwd: fx.dir, encoding: 'utf8' },
    );
    expect(`${peer.stdout}${peer.stderr}`).toContain('certificate revoked');
    const issuing = await fx.call('certs:get', { id: issuingId });
    expect(serialValue(issuing.summary.serial)).toBe(77n);
  });
});
