/**
 * Lint against RFC 5280 and private-PKI practice, each finding with a plain explanation. Rules name the
 * outside constraint they come from (Go's verifier, Apple's TLS policy, OpenSSL's -x509_strict, CA/B BRs).
 */
import type { LintFinding, LintSeverity, San } from '../../../shared/domain/types';
import { readCert, type RawCert } from './cert-raw';
import { bytesEqual } from './der';
import {
  decodeAki,
  decodeBasicConstraints,
  decodeEku,
  decodeKeyUsage,
  decodeSans,
  decodeSki,
} from './ext-decode';
import { keyIdentifierOf, OID } from './extensions';
import { certificateRules } from './lint-rules';
import { EKU_NAMES } from './profiles';
import type { LintContext } from './types';
import { BACKDATE_MS } from './validity';

const DAY = 86_400_000;

export function lintCertificate(der: Uint8Array, context: LintContext = {}): LintFinding[] {
  // 'keep': the detail view of a certificate stored before such times were refused lints it too
  const raw = readCert(der, 'keep');
  const out: LintFinding[] = [];
  const add = (id: string, severity: LintSeverity, message: string, explanation: string): void => {
    out.push({ id, severity, message, explanation });
  };
  if (raw.timeError !== null) {
    // every other rule about lifetime or issuer windows would read a date that is not there
    add(
      'time-unreadable',
      'error',
      `The validity cannot be read: ${raw.timeError}.`,
      'RFC 5280 allows only YYMMDDHHMMSSZ or YYYYMMDDHHMMSSZ with every part in range; OpenSSL and Go refuse the certificate.',
    );
    return out;
  }
  const ext = (oid: string): RawCert['extensions'][number] | undefined =>
    raw.extensions.find((e) => e.oid === oid);
  const bcExt = ext(OID.basicConstraints);
  const bc = bcExt ? decodeBasicConstraints(bcExt.value) : null;
  const isCa = bc?.ca === true;
  const kuExt = ext(OID.keyUsage);
  const ku = kuExt ? decodeKeyUsage(kuExt.value) : null;
  const ekus = ext(OID.extKeyUsage) ? decodeEku(ext(OID.extKeyUsage)!.value) : null;
  const sanExt = ext(OID.subjectAltName);
  const sans: San[] = sanExt ? decodeSans(sanExt.value) : [];
  const selfSigned = bytesEqual(raw.subject, raw.issuer);
  const profile = context.profile;
  const tlsServer =
    !isCa &&
    (profile === 'server' || profile === 'service' || (ekus?.includes(EKU_NAMES.serverAuth ?? '') ?? false));
  // the 5-minute notBefore backdate (clock skew) is not counted against lifetime limits
  const days = (raw.notAfter.getTime() - raw.notBefore.getTime() - BACKDATE_MS) / DAY;

  certificateRules(
    { raw, ext, bcExt, bc, isCa, kuExt, ku, ekus, sans, selfSigned, profile, tlsServer, days },
    add,
  );

  // Against the issuer
  if (context.issuerDer) {
    const issuer = readCert(context.issuerDer, 'keep');
    const skiExt = issuer.extensions.find((e) => e.oid === OID.subjectKeyIdentifier);
    const issuerKeyId = skiExt ? decodeSki(skiExt.value) : keyIdentifierOf(issuer.spki);
    const akiExt = ext(OID.authorityKeyIdentifier);
    const aki = akiExt ? decodeAki(akiExt.value) : null;
    if (aki && !bytesEqual(aki, issuerKeyId))
      add(
        'aki-mismatch',
        'error',
        "The Authority Key Identifier does not match the issuer's Subject Key Identifier.",
        'Chain builders (Go, OpenSSL) use the AKI to find the issuer; a mismatch breaks path building.',
      );
    if (!bytesEqual(raw.issuer, issuer.subject))
      add(
        'issuer-name-mismatch',
        'error',
        "The issuer name is not byte-identical to the CA's subject.",
        'Go compares names byte for byte; a re-encoded name breaks chains that OpenSSL may still accept.',
      );
    // an issuer's unreadable notAfter (Invalid Date) compares false: its own lint and chain say so
    if (raw.notAfter > issuer.notAfter)
      add(
        'outlives-issuer',
        'warning',
        'Valid longer than its issuer.',
        'The certificate stops verifying when the issuing CA expires.',
      );
  }
  return out;
}
