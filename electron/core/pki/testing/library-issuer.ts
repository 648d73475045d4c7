/**
 * Test and bench reference: a certificate for a `CertSpec` written by @peculiar/x509's
 * X509CertificateGenerator, with the serial and validity the engine chose. The engine keeps its own DER
 * writer for issuance because this path costs several times as much per certificate (`npm run bench`,
 * "Issuance throughput"); library-conformance.test.ts holds the engine and the batch fast path to the
 * same TBS bytes.
 */
// @peculiar/x509's dependency injection (tsyringe) needs the Reflect metadata polyfill loaded first.
import 'reflect-metadata';
import { Name, X509CertificateGenerator } from '@peculiar/x509';
import type { CertSpec } from '../build-cert';
import { readCert } from '../cert-raw';
import { decodeSki } from '../ext-decode';
import { keyIdentifierOf, OID } from '../extensions';
import { keyAlgorithmOfCryptoKey } from '../keys';
import { signingAlgorithmFor } from '../sign';
import type { CryptoProvider } from '../types';
import { certificateExtensions } from './library-extensions';

export interface LibraryIssue {
  spec: CertSpec;
  /** DER INTEGER content octets, as the engine generated them */
  serial: Uint8Array;
  notBefore: Date;
  notAfter: Date;
}

export async function issueWithLibrary(req: LibraryIssue, crypto: CryptoProvider): Promise<Uint8Array> {
  const { spec } = req;
  const signingKey = spec.issuer?.signingKey ?? spec.selfSigningKey;
  if (!signingKey) throw new Error('no signing key');
  const issuerRaw = spec.issuer ? readCert(spec.issuer.certDer) : null;
  const issuerSki = issuerRaw?.extensions.find((e) => e.oid === OID.subjectKeyIdentifier);
  const ownKeyId = keyIdentifierOf(spec.spki);
  const authorityKeyId = issuerRaw
    ? issuerSki
      ? decodeSki(issuerSki.value)
      : keyIdentifierOf(issuerRaw.spki)
    : ownKeyId;
  const cert = await X509CertificateGenerator.create(
    {
      serialNumber: Buffer.from(req.serial).toString('hex'),
      subject: new Name(spec.subjectName),
      issuer: new Name(issuerRaw ? issuerRaw.subject : spec.subjectName),
      notBefore: req.notBefore,
      notAfter: req.notAfter,
      publicKey: spec.spki,
      signingKey,
      signingAlgorithm: signingAlgorithmFor(keyAlgorithmOfCryptoKey(signingKey)),
      extensions: certificateExtensions({
        ca: spec.ca,
        pathLen: spec.pathLen,
        keyUsages: spec.keyUsages,
        ekuOids: spec.ekuOids,
        sans: spec.sans,
        subjectKeyId: ownKeyId,
        authorityKeyId,
        nameConstraints: spec.nameConstraints,
      }),
    },
    crypto,
  );
  return new Uint8Array(cert.rawData);
}
