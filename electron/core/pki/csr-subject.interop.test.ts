/**
 * A signed CSR's subject and key reach the certificate byte for byte, whatever string types the requester's
 * tool chose (Go matches names byte for byte, openssl after its own canonicalisation), and CSRs the engine
 * cannot check are refused with an error that names the problem.
 */
import { generateKeyPairSync, sign } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import type { San } from '../../../shared/domain/types';
import { readCert } from './cert-raw';
import {
  bitString,
  children,
  ctx as contextTag,
  integer,
  octets,
  oid,
  readTlv,
  seq,
  set,
  tlv,
  whole,
} from './der';
import { parseCsr, signCsr, viewCsr } from './index';
import { ctxAt, makeRoot, type TestCa } from './testing/fixtures';
import { openssl, TempDir } from './testing/openssl';

const dir = new TempDir();
afterAll(() => dir.remove());
const SANS: San[] = [{ type: 'dns', value: 'svc.internal' }];

/** The subject Name exactly as the CSR encodes it (CertificationRequest → CertificationRequestInfo → subject). */
function csrSubjectBytes(csrDer: Uint8Array): Uint8Array {
  const info = children(csrDer, readTlv(csrDer, 0))[0]!;
  return whole(csrDer, children(csrDer, info)[1]!);
}

function opensslReq(
  name: string,
  extra: string[],
  opts: { config?: string; curve?: string } = {},
): Uint8Array {
  const curve = `ec_paramgen_curve:${opts.curve ?? 'P-256'}`;
  const args = ['req', '-new', '-newkey', 'ec', '-pkeyopt', curve, '-nodes'];
  if (opts.config) args.push('-config', dir.write(`${name}.cnf`, opts.config));
  const r = openssl(
    [...args, '-keyout', `${name}.key`, ...extra, '-outform', 'DER', '-out', `${name}.csr`],
    dir.path,
  );
  expect(r.code, r.stderr).toBe(0);
  return new Uint8Array(readFileSync(dir.file(`${name}.csr`)));
}

/** A P-256 CSR assembled by hand, for subjects, attributes and algorithms openssl's `req` does not write. */
function handMadeCsr(
  subject: Uint8Array,
  signatureOid = '1.2.840.10045.4.3.2',
  attributes: Uint8Array = new Uint8Array(0),
): Uint8Array {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = new Uint8Array(publicKey.export({ type: 'spki', format: 'der' }));
  const info = seq(integer(0), subject, spki, contextTag(0, attributes, true));
  const signature = new Uint8Array(sign('sha256', info, privateKey));
  return seq(info, seq(oid(signatureOid)), bitString(signature));
}

/** O=Müller as T61String (Latin-1), OU=Rég as BMPString, CN=Müller as UTF8String. */
function legacyStringsName(): Uint8Array {
  const tlv = (tag: number, body: number[]): number[] => [tag, body.length, ...body];
  const rdn = (attribute: number[], value: number[]): number[] =>
    tlv(0x31, tlv(0x30, [...tlv(0x06, attribute), ...value]));
  return Uint8Array.from(
    tlv(0x30, [
      ...rdn([0x55, 4, 10], tlv(0x14, [0x4d, 0xfc, 0x6c, 0x6c, 0x65, 0x72])),
      ...rdn([0x55, 4, 11], tlv(0x1e, [0, 0x52, 0, 0xe9, 0, 0x67])),
      ...rdn([0x55, 4, 3], tlv(0x0c, [0x4d, 0xc3, 0xbc, 0x6c, 0x6c, 0x65, 0x72])),
    ]),
  );
}

const NOMBSTR = '[req]\ndistinguished_name = dn\nstring_mask = nombstr\n[dn]\n';

const cases: {
  name: string;
  csr: () => Uint8Array;
  types: string[];
  profile: 'server' | 'intermediate';
}[] = [
  {
    name: 'PrintableString and T61String (openssl string_mask nombstr)',
    csr: () => opensslReq('t61', ['-subj', '/C=DE/O=Acme & Co/OU=R&D_dept/CN=t61'], { config: NOMBSTR }),
    types: ['PRINTABLESTRING:DE', 'T61STRING:Acme & Co', 'T61STRING:R&D_dept'],
    profile: 'server',
  },
  {
    name: 'UTF8String with non-ASCII text (openssl -utf8)',
    csr: () => opensslReq('utf8', ['-utf8', '-subj', '/C=DE/O=Acmé Grüße/CN=ütf']),
    types: ['PRINTABLESTRING:DE', 'UTF8STRING:Acm\\E9 Gr\\FC\\DFe'],
    profile: 'server',
  },
  {
    name: 'a multi-valued RDN (openssl -multivalue-rdn)',
    csr: () => opensslReq('mv', ['-multivalue-rdn', '-subj', '/O=Acme/CN=multi+OU=ops']),
    types: ['UTF8STRING:multi', 'UTF8STRING:ops'],
    profile: 'server',
  },
  {
    name: 'T61String in Latin-1, BMPString and UTF8String, for an intermediate CA',
    csr: () => handMadeCsr(legacyStringsName()),
    types: ['T61STRING:M\\FCller', 'BMPSTRING:R\\E9g', 'UTF8STRING:M\\FCller'],
    profile: 'intermediate',
  },
];

describe('signing a CSR keeps its subject and key exactly', () => {
  let root: TestCa;

  it.each(cases)('$name', async ({ name, csr, types, profile }) => {
    const ctx = ctxAt();
    root ??= await makeRoot(ctx);
    dir.write('root.pem', root.cert.pem);
    const csrDer = csr();
    const csrFile = dir.write(`${name}.req.der`, csrDer);
    const issued = await signCsr(
      profile === 'intermediate'
        ? { issuer: root.issuer, csr: csrDer, profile, pathLen: 0 }
        : { issuer: root.issuer, csr: csrDer, profile, sans: SANS },
      ctx,
    );
    expect(Buffer.from(readCert(issued.der).subject).toString('hex')).toBe(
      Buffer.from(csrSubjectBytes(csrDer)).toString('hex'),
    );
    const certFile = dir.write(`${name}.crt.pem`, issued.pem);
    const nameopt = ['-nameopt', 'multiline,show_type,esc_msb'];
    const fromCsr = openssl(
      ['req', '-inform', 'DER', '-in', csrFile, '-noout', '-subject', ...nameopt],
      dir.path,
    );
    const fromCert = openssl(['x509', '-in', certFile, '-noout', '-subject', ...nameopt], dir.path);
    expect(fromCsr.code, fromCsr.stderr).toBe(0);
    for (const type of types) expect(fromCsr.stdout).toContain(type);
    expect(fromCert.stdout).toBe(fromCsr.stdout);
    const csrKey = openssl(['req', '-inform', 'DER', '-in', csrFile, '-noout', '-pubkey'], dir.path);
    const certKey = openssl(['x509', '-in', certFile, '-noout', '-pubkey'], dir.path);
    expect(certKey.stdout).toBe(csrKey.stdout);
    const purpose = profile === 'intermediate' ? 'any' : 'sslserver';
    const v = openssl(
      ['verify', '-x509_strict', '-purpose', purpose, '-CAfile', 'root.pem', certFile],
      dir.path,
    );
    expect(v.stdout + v.stderr).toContain(': OK');
  });
});

describe('a CSR the engine cannot use is refused, naming why', () => {
  it('an algorithm without support is NOT_SUPPORTED, naming its OID; the view still shows the request', async () => {
    const { crypto } = ctxAt();
    const dsaSha256 = '2.16.840.1.101.3.4.3.2';
    const csr = handMadeCsr(legacyStringsName(), dsaSha256);
    await expect(parseCsr(csr, crypto)).rejects.toMatchObject({
      code: 'NOT_SUPPORTED',
      message: expect.stringContaining(`unsupported algorithm (${dsaSha256})`),
    });
    expect(await viewCsr(csr, crypto)).toMatchObject({
      signatureValid: false,
      subject: 'O=Müller, OU=Rég, CN=Müller',
    });
  });

  it('a key on a curve WebCrypto cannot load (secp256k1) still has its signature checked, and signing is INVALID_KEY naming the curve', async () => {
    const ctx = ctxAt();
    const root = await makeRoot(ctx);
    const csr = opensslReq('k1', ['-subj', '/CN=k1'], { curve: 'secp256k1' });
    expect(await viewCsr(csr, ctx.crypto)).toMatchObject({ signatureValid: true, subject: 'CN=k1' });
    const tampered = Uint8Array.from(csr);
    tampered[tampered.length - 1]! ^= 0x01;
    expect(await viewCsr(tampered, ctx.crypto)).toMatchObject({ signatureValid: false, subject: 'CN=k1' });
    await expect(parseCsr(tampered, ctx.crypto)).rejects.toMatchObject({ code: 'CSR_SIGNATURE_INVALID' });
    await expect(
      signCsr({ issuer: root.issuer, csr, profile: 'server', sans: SANS }, ctx),
    ).rejects.toMatchObject({ code: 'INVALID_KEY', message: expect.stringContaining('EC secp256k1') });
  });

  it('an IP SAN of odd length is left out of the SANs, as in certificates, instead of refusing the request', async () => {
    const { crypto } = ctxAt();
    const generalNames = seq(
      tlv(0x82, new TextEncoder().encode('svc.internal')),
      tlv(0x87, Uint8Array.of(10, 0, 0, 1, 7)),
    );
    const extensionRequest = seq(
      oid('1.2.840.113549.1.9.14'),
      set(seq(seq(oid('2.5.29.17'), octets(generalNames)))),
    );
    const csr = handMadeCsr(legacyStringsName(), undefined, extensionRequest);
    const view = await viewCsr(csr, crypto);
    expect(view).toMatchObject({ signatureValid: true, sans: [{ type: 'dns', value: 'svc.internal' }] });
    expect(JSON.stringify(view.extensions)).toContain('IP:<5 bytes>');
  });

  it('a request shaped like PKCS#10 whose key field is empty is INVALID_PEM saying so', async () => {
    const { crypto } = ctxAt();
    const emptyKeyInfo = seq(integer(0), seq(), seq(), contextTag(0, new Uint8Array(0), true));
    const notARequest = seq(emptyKeyInfo, seq(oid('1.2.840.10045.4.3.2')), bitString(Uint8Array.of(0)));
    const pem = `-----BEGIN CERTIFICATE REQUEST-----\n${Buffer.from(notARequest).toString('base64')}\n-----END CERTIFICATE REQUEST-----\n`;
    await expect(viewCsr(pem, crypto)).rejects.toMatchObject({
      code: 'INVALID_PEM',
      message: expect.stringMatching(/^not a valid PKCS#10 request: /),
    });
  });
});
