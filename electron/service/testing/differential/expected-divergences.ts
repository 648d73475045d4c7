/**
 * Every disagreement with a real peer that the differential tests tolerate, with the peer's rule. The same
 * table is in docs/architecture.md ("Divergences from real peers"). A divergence not listed here fails the
 * tests; an entry marked `awaiting-fix` is a known CertDesk bug to be removed from this list once fixed.
 */
export interface ExpectedDivergence {
  /** matches Divergence.key exactly */
  key: string;
  /** `by-design`: the peer's rule differs and CertDesk keeps its own; `awaiting-fix`: CertDesk is wrong */
  status: 'by-design' | 'awaiting-fix';
  /** the peer's rule, as its documentation or source states it */
  rule: string;
}

const GO_IGNORES_CN =
  'Go crypto/x509 (verify.go) applies name constraints to SANs only; since Go 1.15 the CN is never ' +
  'treated as a host name. OpenSSL checks a host-like CN when there is no DNS SAN, and CertDesk follows it.';
const PATHLEN_COUNT_ONLY =
  'RFC 5280 §6.1.4 (l)-(m), OpenSSL (check_chain "path length constraint exceeded") and Go ' +
  '(TooManyIntermediates) only count the CAs below each pathLen; a sub-CA whose own pathLen is not ' +
  "below its issuer's is valid to them. CertDesk refuses to create one, as the operator could never use it.";

const UTCTIME_SECONDS =
  'RFC 5280 §4.1.2.5.1: UTCTime "MUST include seconds". OpenSSL verify (X509_cmp_time) checks the length and ' +
  'fails the link with "format error in certificate\'s notBefore field"; Go 1.19 (cryptobyte ' +
  'ReadASN1UTCTime) still falls back to YYMMDDHHMMZ. CertDesk follows RFC 5280 and OpenSSL, the TLS stack of ' +
  'nginx, curl and Python.';

export const EXPECTED_DIVERGENCES: readonly ExpectedDivergence[] = [
  {
    key: 'Go accepts, CertDesk rejects a leaf notBefore UTCTime without seconds',
    status: 'by-design',
    rule: UTCTIME_SECONDS,
  },
  {
    key: 'Go accepts, CertDesk lists as invalid a leaf notBefore UTCTime without seconds',
    status: 'by-design',
    rule: UTCTIME_SECONDS,
  },
  {
    key: 'CertDesk refuses to issue (NAME_CONSTRAINT_VIOLATION on a host-like CN without DNS SAN), Go accepts',
    status: 'by-design',
    rule: GO_IGNORES_CN,
  },
  {
    key: "CertDesk refuses to issue (PATH_LEN_EXCEEDED: a CA pathLen not below its issuer's), openssl accepts",
    status: 'by-design',
    rule: PATHLEN_COUNT_ONLY,
  },
  {
    key: "CertDesk refuses to issue (PATH_LEN_EXCEEDED: a CA pathLen not below its issuer's), Go accepts",
    status: 'by-design',
    rule: PATHLEN_COUNT_ONLY,
  },
  {
    key: 'CertDesk refuses to issue (NAME_CONSTRAINT_VIOLATION on a URI SAN), Go accepts',
    status: 'by-design',
    rule:
      'Go crypto/x509 matchURIConstraint compares the URI host with matchDomainConstraint, so a constraint ' +
      'without a leading period ("corp.example") also admits subdomains. RFC 5280 §4.2.1.10 and OpenSSL ' +
      '(nc_uri) read it as that host only, and CertDesk follows them.',
  },
];

/** mTLS check outcomes (CertDesk's check-mtls vs a Go TLS 1.3 handshake) tolerated the same way. */
export const EXPECTED_MTLS_DIVERGENCES: readonly ExpectedDivergence[] = [
  ...(['server', 'client'] as const).map((role): ExpectedDivergence => ({
    key: `Go accepts, CertDesk rejects: ${role}-key-usage (Go ignores KeyUsage)`,
    status: 'by-design',
    rule:
      'Go crypto/x509 does not check KeyUsage (VerifyOptions: only ExtKeyUsage is checked). OpenSSL, which ' +
      "runs the check's handshake and every nginx/curl/Python peer, refuses a TLS " +
      `${role} whose KeyUsage lacks digitalSignature${role === 'server' ? ', keyEncipherment' : ''} and keyAgreement ("unsupported certificate purpose").`,
  })),
];
