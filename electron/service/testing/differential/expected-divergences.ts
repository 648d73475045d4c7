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

export const EXPECTED_DIVERGENCES: readonly ExpectedDivergence[] = [
  {
    key: 'openssl rejects, CertDesk accepts: name-constraints (host-like CN, no DNS SAN)',
    status: 'awaiting-fix',
    rule:
      'OpenSSL (x509_vfy.c check_name_constraints): for the end-entity certificate, "check commonName too" ' +
      'when it has no DNS SAN and the CN looks like a DNS name (NAME_CONSTRAINTS_check_CN). ' +
      'CertDesk checks name constraints on SANs only.',
  },
];

/** mTLS check outcomes (CertDesk's check-mtls vs a Go TLS 1.3 handshake) tolerated the same way. */
export const EXPECTED_MTLS_DIVERGENCES: readonly ExpectedDivergence[] = [];
