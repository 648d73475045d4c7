import { describe, expect, it } from 'vitest';
import { formatMtlsCorpus, runMtlsCorpus } from './testing/differential/mtls-corpus';

/**
 * mTLS agreement: every server/client pair of generated hierarchies (each with a foreign root), CertDesk's
 * check-mtls against a real Go TLS 1.3 handshake in the seed's configuration with CertDesk's exported
 * bundles. A larger corpus runs from `npm run bench:differential -- --mtls`.
 */
const SEED = 20_261_205;
const HIERARCHIES = 8;

describe('mTLS check agreement with a Go TLS 1.3 handshake', () => {
  it('gives every server/client pair the outcome of the Go handshake, except the documented divergences', async () => {
    const r = await runMtlsCorpus({ seed: SEED, hierarchies: HIERARCHIES });
    console.log(formatMtlsCorpus(r));
    expect(r.hierarchies).toBe(HIERARCHIES);
    // the corpus must keep both outcomes, and pairs across roots, to mean anything
    expect(r.pairs.filter((p) => p.go.ok).length).toBeGreaterThan(5);
    expect(r.pairs.filter((p) => !p.go.ok).length).toBeGreaterThan(50);
    expect(r.pairs.filter((p) => p.server.rootId !== p.client.rootId).length).toBeGreaterThan(20);
    const undocumented = r.undocumented.map((d) => `${d.key}\n  ${d.detail}`);
    expect(undocumented, 'mTLS divergences missing from the documented table').toEqual([]);
  }, 300_000);
});
