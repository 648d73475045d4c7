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

export const EXPECTED_DIVERGENCES: readonly ExpectedDivergence[] = [];

/** mTLS check outcomes (CertDesk's check-mtls vs a Go TLS 1.3 handshake) tolerated the same way. */
export const EXPECTED_MTLS_DIVERGENCES: readonly ExpectedDivergence[] = [
  {
    key: 'Go rejects, CertDesk accepts: server certificate: unknown-ca',
    status: 'awaiting-fix',
    rule:
      "Go crypto/tls with the seed's configuration: the client verifies the server against RootCAs = the " +
      "client bundle's ca.crt only, and the server verifies the client against ClientCAs = the server " +
      "bundle's ca.crt only, so certificates from two different roots fail with " +
      '"x509: certificate signed by unknown authority". CertDesk trusts both roots on both sides.',
  },
];
