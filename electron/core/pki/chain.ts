/** Chain building and per-link verification against a set of known CA certificates. */
import { createHash } from 'node:crypto';
import type { ChainCheck, ChainLink, San } from '../../../shared/domain/types';
import { readCert, type RawCert } from './cert-raw';
import { bytesEqual, hex } from './der';
import { crlSignedBy, readCrl, type RawCrl } from './crl';
import {
  decodeAki,
  decodeBasicConstraints,
  decodeEku,
  decodeKeyUsage,
  decodeNameConstraints,
  decodeSans,
  decodeSki,
} from './ext-decode';
import { OID } from './extensions';
import { formatSubject } from './names';
import { sanConstraintViolation } from './name-constraints';
import { EKU_NAMES } from './profiles';
import type { ChainResult, KnownCa, VerifyChainOptions } from './types';
import { verifySignature } from './verify-sig';

const MAX_DEPTH = 8;
const ext = (c: RawCert, oid: string): Uint8Array | undefined =>
  c.extensions.find((e) => e.oid === oid)?.value;
const selfIssued = (c: RawCert): boolean => bytesEqual(c.subject, c.issuer);

function issuedBy(child: RawCert, parent: RawCert): boolean {
  if (!bytesEqual(child.issuer, parent.subject)) return false;
  const aki = ext(child, OID.authorityKeyIdentifier);
  const ski = ext(parent, OID.subjectKeyIdentifier);
  const akiId = aki ? decodeAki(aki) : null;
  if (akiId && ski && !bytesEqual(akiId, decodeSki(ski))) return false;
  return verifySignature(child.tbs, child.sigAlgOid, child.signature, parent.spki, child.sigAlgParams);
}

/** Finds the issuer path (leaf first) through `knownCas` by name, key identifier and signature. */
export function buildChain(certDer: Uint8Array, knownCas: KnownCa[]): Uint8Array[] {
  const cas = knownCas.map((k) => ({ der: k.der, raw: readCert(k.der) }));
  const path: Uint8Array[] = [certDer];
  let current = readCert(certDer);
  while (!selfIssued(current) && path.length < MAX_DEPTH) {
    const parent = cas.find((c) => !path.some((p) => bytesEqual(p, c.der)) && issuedBy(current, c.raw));
    if (!parent) break;
    path.push(parent.der);
    current = parent.raw;
  }
  return path;
}

const check = (kind: ChainCheck['check'], ok: boolean, message: string): ChainCheck => ({
  check: kind,
  ok,
  message,
});

/** Builds and checks the chain with a per-link verdict. */
export function verifyChain(certDer: Uint8Array, opts: VerifyChainOptions): ChainResult {
  const path = buildChain(certDer, opts.knownCas);
  const certs = path.map(readCert);
  const crls: RawCrl[] = (opts.crls ?? []).map(readCrl);
  const revocationSupplied = crls.length > 0 || (opts.revokedSerials?.size ?? 0) > 0;
  const purpose = opts.purpose ?? 'any';
  const leafSans: San[] =
    certs[0] && ext(certs[0], OID.subjectAltName) ? decodeSans(ext(certs[0], OID.subjectAltName)!) : [];
  const idOf = (der: Uint8Array): string | null =>
    opts.knownCas.find((k) => bytesEqual(k.der, der))?.id ?? null;

  const links: ChainLink[] = certs.map((c, i) => {
    const checks: ChainCheck[] = [];
    const parent = certs[i + 1];
    const isLast = i === certs.length - 1;
    // signature
    if (parent) checks.push(check('signature', true, `signed by ${formatSubject(parent.subject)}`));
    else if (selfIssued(c)) {
      const ok = verifySignature(c.tbs, c.sigAlgOid, c.signature, c.spki, c.sigAlgParams);
      checks.push(check('signature', ok, ok ? 'valid self-signature' : 'the self-signature does not verify'));
    } else
      checks.push(
        check(
          'signature',
          false,
          `issuer "${formatSubject(c.issuer)}" not found among the known CAs (or its signature does not verify)`,
        ),
      );
    // validity
    if (opts.now < c.notBefore)
      checks.push(check('validity', false, `not valid before ${c.notBefore.toISOString()}`));
    else if (opts.now > c.notAfter)
      checks.push(check('validity', false, `expired on ${c.notAfter.toISOString()}`));
    else checks.push(check('validity', true, `valid until ${c.notAfter.toISOString()}`));
    const bcV = ext(c, OID.basicConstraints);
    const bc = bcV ? decodeBasicConstraints(bcV) : { ca: false, pathLen: null };
    const kuV = ext(c, OID.keyUsage);
    const ku = kuV ? decodeKeyUsage(kuV) : null;
    const ekuV = ext(c, OID.extKeyUsage);
    const ekus = ekuV ? decodeEku(ekuV) : null;
    if (i > 0) {
      checks.push(
        check(
          'ca-flag',
          bc.ca,
          bc.ca
            ? 'CA:TRUE'
            : 'not a CA (BasicConstraints cA false or missing): it may not issue certificates',
        ),
      );
      if (!ku)
        checks.push(
          check('key-usage', true, 'no KeyUsage extension (accepted; openssl -x509_strict rejects it)'),
        );
      else
        checks.push(
          check(
            'key-usage',
            ku.includes('keyCertSign'),
            ku.includes('keyCertSign') ? 'keyCertSign allowed' : 'KeyUsage lacks keyCertSign',
          ),
        );
      // intermediates strictly between this CA and the leaf that are not self-issued (RFC 5280 §6.1.4 (l))
      const below = certs.slice(1, i).filter((x) => !selfIssued(x)).length;
      if (bc.pathLen !== null)
        checks.push(check('path-len', below <= bc.pathLen, `${below} CA(s) below, pathLen ${bc.pathLen}`));
      const ncV = ext(c, OID.nameConstraints);
      if (ncV) {
        const violation = sanConstraintViolation(decodeNameConstraints(ncV), leafSans);
        checks.push(
          check(
            'name-constraints',
            violation === null,
            violation ?? 'all SANs inside the permitted subtrees',
          ),
        );
      }
    }
    if (i === 0 && purpose !== 'any' && ku) {
      // TLS needs a key usage for the handshake signature (or RSA key exchange / ECDH in TLS 1.2)
      const fits =
        ku.includes('digitalSignature') || ku.includes('keyEncipherment') || ku.includes('keyAgreement');
      checks.push(
        check(
          'key-usage',
          fits,
          fits ? `key usage fits ${purpose}` : `KeyUsage (${ku.join(', ')}) allows no TLS handshake`,
        ),
      );
    }
    if (purpose !== 'any' && (i === 0 || ekus)) {
      const want = EKU_NAMES[purpose] ?? '';
      const fits = !ekus || ekus.includes(want) || ekus.includes('2.5.29.37.0');
      checks.push(
        check(
          'eku',
          fits,
          !ekus
            ? `no EKU (Go accepts it for any purpose)`
            : fits
              ? `${purpose} allowed`
              : `EKU does not include ${purpose}`,
        ),
      );
    }
    if (revocationSupplied && parent) {
      const serial = hex(c.serial);
      const parentDer = path[i + 1]!;
      const listed = crls
        .filter((l) => crlSignedBy(l, parentDer))
        .flatMap((l) => l.revoked)
        .find((r) => r.serial === serial);
      const bySet =
        opts.revokedSerials?.get(createHash('sha256').update(parentDer).digest('hex'))?.has(serial) ?? false;
      if (listed)
        checks.push(
          check(
            'revocation',
            false,
            `revoked on ${listed.date.toISOString()}${listed.reason ? ` (${listed.reason})` : ''}`,
          ),
        );
      else if (bySet) checks.push(check('revocation', false, 'revoked'));
      else checks.push(check('revocation', true, 'not revoked'));
    }
    if (isLast) {
      const known = opts.knownCas.find((k) => bytesEqual(k.der, path[i]!));
      const trusted = selfIssued(c) && (known ? (known.trusted ?? true) : false);
      checks.push(
        check(
          'trust',
          trusted,
          trusted
            ? 'trusted root'
            : selfIssued(c)
              ? 'self-signed but not among the trusted CAs'
              : 'the chain does not reach a trusted root',
        ),
      );
    }
    const id = i === 0 ? (opts.certId !== undefined ? opts.certId : idOf(path[0]!)) : idOf(path[i]!);
    return { id, subject: formatSubject(c.subject), ok: checks.every((x) => x.ok), checks };
  });
  return { ok: links.every((l) => l.ok), links, path };
}
