/**
 * The engine writes certificates with its own DER writer (build-cert.ts) because @peculiar/x509's
 * X509CertificateGenerator costs several times as much per certificate (bench/issuance.ts). Here the same
 * request goes through both and the TBSCertificate bytes must be identical: serial, names (imported
 * string types included), times (UTCTime to 2049, GeneralizedTime from 2050), every extension with its
 * criticality, AKI/SKI. The batch fast path (its own per-row encoder) is held to the library the same way.
 */
import { webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { KeyAlgorithm } from '../../../shared/domain/types';
import { issueCertificate, type CertSpec } from './build-cert';
import { readCert } from './cert-raw';
import { fromHex } from './der';
import { ekuOids } from './extensions';
import { LeafBatchIssuer, type FastLeafRequest } from './fast';
import { generateKeyPair } from './keys';
import { buildName } from './names';
import { keyUsagesFor, profileDef } from './profiles';
import { issueWithLibrary } from './testing/library-issuer';
import type { PkiContext } from './types';

const ctx: PkiContext = { now: new Date('2026-03-01T12:00:00.456Z'), crypto: webcrypto };

async function bothWays(spec: CertSpec): Promise<{ engine: Uint8Array; library: Uint8Array }> {
  const issued = await issueCertificate(spec, ctx);
  const library = await issueWithLibrary(
    { spec, serial: fromHex(issued.serialHex), notBefore: issued.notBefore, notAfter: issued.notAfter },
    webcrypto,
  );
  return { engine: readCert(issued.der).tbs, library: readCert(library).tbs };
}

const hexOf = (b: Uint8Array): string => Buffer.from(b).toString('hex');

/** A Name with the string types CAs made elsewhere carry: PrintableString, T61String (Latin-1), BMPString, UTF8String, IA5String. */
function importedStyleName(): Uint8Array {
  const tlv = (tag: number, body: number[]): number[] => [tag, body.length, ...body];
  const atv = (oid: number[], value: number[]): number[] => tlv(0x30, [...tlv(0x06, oid), ...value]);
  const rdn = (...atvs: number[][]): number[] => tlv(0x31, atvs.flat());
  const [cn, o, c] = [
    [0x55, 4, 3],
    [0x55, 4, 10],
    [0x55, 4, 6],
  ];
  const email = [0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 1, 9, 1];
  return Uint8Array.from(
    tlv(0x30, [
      ...rdn(atv(c, tlv(0x13, [0x44, 0x45]))),
      ...rdn(atv(o, tlv(0x14, [0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72]))),
      ...rdn(atv(cn, tlv(0x1e, [0, 0x52, 0, 0xe9, 0, 0x67]))),
      ...rdn(atv(email, tlv(0x16, [0x63, 0x61, 0x40, 0x78]))),
      ...rdn(atv(o, tlv(0x0c, [0xc3, 0xa9]))),
    ]),
  );
}

async function rootSpec(
  alg: KeyAlgorithm,
  subjectName: Uint8Array,
  extra: Partial<CertSpec> = {},
): Promise<CertSpec> {
  const key = await generateKeyPair(alg);
  return {
    issuer: null,
    selfSigningKey: key.signingKey,
    subjectName,
    spki: key.spki,
    ca: true,
    pathLen: 2,
    keyUsages: ['keyCertSign', 'cRLSign'],
    ekuOids: [],
    sans: [],
    defaultDays: 3650,
    ...extra,
  };
}

describe('engine certificate writer conforms to @peculiar/x509', () => {
  for (const alg of ['ec-p256', 'ec-p384', 'ed25519', 'rsa-2048'] as const) {
    it(`writes the same TBS as the library for a ${alg} root with name constraints and a notAfter past 2050`, async () => {
      const spec = await rootSpec(alg, buildName({ cn: `Root ${alg}`, o: 'CertDesk', c: 'DE' }), {
        validity: { notAfter: '2051-06-01T00:00:00Z' },
        nameConstraints: {
          permittedDns: ['.internal.example', 'corp.example'],
          permittedIp: ['10.0.0.0/8', 'fd00::/8'],
          permittedEmail: ['example.com'],
          permittedUri: ['.corp.example'],
          excludedDns: ['secret.internal.example'],
          excludedIp: ['10.9.0.0/16'],
        },
      });
      const { engine, library } = await bothWays(spec);
      expect(hexOf(engine)).toBe(hexOf(library));
    });
  }

  it('writes the same TBS for leaves under an issuer with imported-style names, every SAN kind and KU edge', async () => {
    const rootKey = await generateKeyPair('ec-p256');
    const root = await issueCertificate(
      {
        ...(await rootSpec('ec-p256', importedStyleName())),
        selfSigningKey: rootKey.signingKey,
        spki: rootKey.spki,
      },
      ctx,
    );
    const issuer = { certDer: root.der, signingKey: rootKey.signingKey };
    const leafKey = await generateKeyPair('ec-p256');
    const cases: Partial<CertSpec>[] = [
      {
        keyUsages: ['digitalSignature', 'keyEncipherment'],
        ekuOids: ['1.3.6.1.5.5.7.3.1', '1.3.6.1.5.5.7.3.2'],
        sans: [
          { type: 'dns', value: 'svc.internal' },
          { type: 'ip', value: '192.0.2.7' },
          { type: 'ip', value: '2001:db8::1' },
          { type: 'ip', value: '::ffff:192.0.2.9' },
          { type: 'email', value: 'ops@example.com' },
          { type: 'uri', value: 'spiffe://corp.example/svc' },
        ],
      },
      { keyUsages: ['digitalSignature', 'decipherOnly'], ekuOids: [], sans: [] },
      { keyUsages: [], ekuOids: ['1.3.6.1.5.5.7.3.3'], sans: [{ type: 'dns', value: 'code.internal' }] },
      { ca: true, pathLen: 0, keyUsages: ['keyCertSign', 'cRLSign'], ekuOids: [], sans: [] },
      { ca: true, pathLen: null, keyUsages: ['keyCertSign'], ekuOids: [], sans: [] },
    ];
    for (const c of cases) {
      const { engine, library } = await bothWays({
        issuer,
        subjectName: buildName({ cn: 'leaf.internal', o: 'CertDesk' }),
        spki: leafKey.spki,
        ca: false,
        defaultDays: 90,
        keyUsages: [],
        ekuOids: [],
        sans: [],
        ...c,
      });
      expect(hexOf(engine)).toBe(hexOf(library));
    }
  });
});

describe('batch fast path conforms to @peculiar/x509', () => {
  it('writes the same TBS as the library for every fast profile with EC and RSA subject keys', async () => {
    const rootKey = await generateKeyPair('ec-p256');
    const root = await issueCertificate(
      {
        ...(await rootSpec('ec-p256', importedStyleName())),
        selfSigningKey: rootKey.signingKey,
        spki: rootKey.spki,
      },
      ctx,
    );
    const issuer = { certDer: root.der, signingKey: rootKey.signingKey };
    const rows: FastLeafRequest[] = [
      {
        cn: 'api',
        profile: 'server',
        sans: [
          { type: 'dns', value: 'api.internal' },
          { type: 'ip', value: '::ffff:10.1.2.3' },
        ],
        key: 'ec-p256',
        days: 90,
      },
      {
        cn: 'billing',
        profile: 'client',
        sans: [{ type: 'uri', value: 'spiffe://corp.example/billing' }],
        key: 'rsa-2048',
        days: 30,
      },
      {
        cn: 'orders',
        profile: 'service',
        sans: [
          { type: 'dns', value: 'orders' },
          { type: 'email', value: 'ops@example.com' },
        ],
        key: 'ec-p384',
        days: 397,
      },
    ];
    const batch = await LeafBatchIssuer.create({ issuer, ctx, workers: 0 });
    try {
      const out = await batch.issueChunk(rows);
      for (const [i, o] of out.entries()) {
        if (!o.ok) throw new Error(`${o.code}: ${o.message}`);
        const row = rows[i]!;
        const def = profileDef(row.profile);
        const fast = readCert(o.leaf.der);
        const library = await issueWithLibrary(
          {
            spec: {
              issuer,
              subjectName: buildName({ cn: row.cn }),
              spki: fast.spki,
              ca: false,
              keyUsages: keyUsagesFor(def, row.key.startsWith('rsa')),
              ekuOids: ekuOids(def.extendedKeyUsages),
              sans: row.sans,
              defaultDays: row.days,
            },
            serial: fromHex(o.leaf.serialHex),
            notBefore: o.leaf.notBefore,
            notAfter: o.leaf.notAfter,
          },
          webcrypto,
        );
        expect(hexOf(fast.tbs)).toBe(hexOf(readCert(library).tbs));
        o.leaf.DANGEROUS_pkcs8.fill(0);
      }
    } finally {
      await batch.close();
    }
  });
});
