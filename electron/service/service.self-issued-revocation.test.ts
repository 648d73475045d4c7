import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { serialValue } from '../core/pki';
import { readCrl } from '../core/pki/crl';
import { firstBlockOf } from '../core/pki/pem';
import { buildGoPeer, goVerify } from './testing/differential/go-peer';
import { opensslVerifyBatch, type OpensslVerdict } from './testing/differential/openssl-peer';
import { writeCorpCa, writeCorpLeaf } from './testing/corp-ca';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

const crlDer = (pem: string): Uint8Array => firstBlockOf(pem, ['crl'], 'CRL');

async function importCa(fx: Fixture, name: string): Promise<string> {
  const ca = await fx.call('ca:import', {
    certGrant: fx.grant(path.join(fx.dir, `${name}.crt`), 'read-file'),
    keyGrant: fx.grant(path.join(fx.dir, `${name}.key`), 'read-file'),
  });
  return ca.id;
}

async function vault(): Promise<Fixture> {
  const fx = await makeFixture();
  fixtures.push(fx);
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  return fx;
}

describe.each([
  { kind: 'whose issuer and subject display alike but differ in bytes', mask: 'utf8only' },
  { kind: 'of a new key, signed by the old key of the same CA name (a key rollover)', mask: 'nombstr' },
] as const)('a revoked intermediate $kind', ({ mask }) => {
  it('invalidates what it issued, is listed on its parent CRL, and openssl agrees', async () => {
    const fx = await vault();
    writeCorpCa(fx.dir, mask);
    const rootId = await importCa(fx, 'root');
    const interId = await importCa(fx, 'inter');
    const leaf = await fx.call('certs:issue', {
      caId: interId,
      profile: 'server',
      subject: { cn: 'svc.example.test' },
      sans: [{ type: 'dns', value: 'svc.example.test' }],
    });
    const listedLeaf = async (): Promise<string | undefined> =>
      (await fx.call('certs:list', {})).find((c) => c.id === leaf.summary.id)?.invalidReason;
    /** openssl's verdict on the leaf with the CRLs CertDesk publishes (-crl_check_all wants one per CA) */
    const opensslSays = (when: string, crls: string[]): OpensslVerdict | undefined =>
      opensslVerifyBatch({
        dir: path.join(fx.dir, `peer-${when}`),
        roots: [readFileSync(path.join(fx.dir, 'root.crt'), 'utf8')],
        intermediates: [readFileSync(path.join(fx.dir, 'inter.crt'), 'utf8')],
        crls,
        at: new Date(),
        leaves: [{ id: 'leaf', pem: leaf.pem, purpose: 'server' }],
      }).get('leaf');
    // a revoked CA signs no more CRLs: the intermediate publishes its (empty) one first
    const interCrl = await fx.call('crl:generate', { caId: interId });
    const emptyRootCrl = await fx.call('crl:generate', { caId: rootId });
    expect(await listedLeaf()).toBeUndefined();
    expect(opensslSays('before', [emptyRootCrl.pem, interCrl.pem])).toEqual({ ok: true, errors: [] });

    await fx.call('certs:revoke', { id: interId, reason: 'keyCompromise' });
    expect(await listedLeaf()).toMatch(/^CA "CN=Corp CA": revoked on .*keyCompromise/);
    const detail = await fx.call('certs:get', { id: leaf.summary.id });
    expect(detail.chain.map((l) => l.id)).toEqual([leaf.summary.id, interId, rootId]);
    const interSerial = serialValue((await fx.call('certs:get', { id: interId })).summary.serial);
    const rootCrl = await fx.call('crl:generate', { caId: rootId });
    expect([...readCrl(crlDer(rootCrl.pem)).bySerial.keys()]).toEqual([interSerial]);
    expect(opensslSays('after', [rootCrl.pem, interCrl.pem])).toEqual({
      ok: false,
      errors: ['certificate revoked'],
    });
  });
});

describe('a self-issued CA certificate of a new key signed by the old key of the same CA (a key rollover)', () => {
  it('is imported only once the CA that signed it is in the vault: alone, it is a root that does not verify', async () => {
    const fx = await vault();
    writeCorpCa(fx.dir, 'nombstr');
    const refused = await fx.fail('ca:import', {
      certGrant: fx.grant(path.join(fx.dir, 'inter.crt'), 'read-file'),
      keyGrant: fx.grant(path.join(fx.dir, 'inter.key'), 'read-file'),
    });
    expect(refused).toEqual({
      code: 'INVALID_PEM',
      message: expect.stringMatching(/altered or is damaged$/),
    });
    await importCa(fx, 'root');
    const interId = await importCa(fx, 'inter');
    expect((await fx.call('certs:get', { id: interId })).summary.profile).toBe('intermediate');
  });

  it('is a link of the chains of what the new key issued, as for openssl and Go', async () => {
    const fx = await vault();
    writeCorpCa(fx.dir, 'nombstr');
    writeCorpLeaf(fx.dir, 'leaf', 'inter', 3);
    const rootId = await importCa(fx, 'root');
    const pem = (name: string): string => readFileSync(path.join(fx.dir, `${name}.crt`), 'utf8');
    const tracked = await fx.call('certs:track', { certPem: pem('inter') + pem('leaf') });
    const leaf = tracked.added.find((c) => c.cn === 'svc.example.test')!;
    const rollover = tracked.added.find((c) => c.kind === 'ca')!;

    const listed = (await fx.call('certs:list', {})).find((c) => c.id === leaf.id);
    expect(listed?.trackedChain).toEqual({ verdict: 'valid', message: 'chain valid up to "CN=Corp CA"' });
    expect(listed?.invalidReason).toBeUndefined();
    const detail = await fx.call('certs:get', { id: leaf.id });
    expect(detail.chain.map((l) => l.id)).toEqual([leaf.id, rollover.id, rootId]);

    const at = new Date();
    const openssl = opensslVerifyBatch({
      dir: path.join(fx.dir, 'peer'),
      roots: [pem('root')],
      intermediates: [pem('inter')],
      crls: null,
      at,
      leaves: [{ id: 'leaf', pem: pem('leaf'), purpose: 'server' }],
    });
    expect(openssl.get('leaf')).toEqual({ ok: true, errors: [] });
    const [go] = goVerify(buildGoPeer(), [
      {
        id: 'leaf',
        leaf: pem('leaf'),
        intermediates: [pem('inter')],
        roots: [pem('root')],
        purpose: 'server',
        time: at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    ]);
    expect(go).toEqual({ id: 'leaf', ok: true });
  });
});
