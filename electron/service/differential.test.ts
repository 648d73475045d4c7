import { describe, expect, it } from 'vitest';
import { formatCorpus, runCorpus } from './testing/differential/corpus';

/**
 * Differential test: random hierarchies built through the service, every leaf judged by CertDesk's chain
 * verdict, `openssl verify -x509_strict -crl_check_all` and Go's crypto/x509. A larger corpus runs from
 * `npm run bench:differential`.
 */
const SEED = 20_261_204;
const HIERARCHIES = 200;

describe('agreement with openssl and Go on generated hierarchies', () => {
  it('gives every leaf the verdict openssl and Go give it, except the documented divergences', async () => {
    const r = await runCorpus({ seed: SEED, hierarchies: HIERARCHIES });
    console.log(formatCorpus(r));
    expect(r.hierarchies).toBe(HIERARCHIES);
    // a corpus that stopped exercising the peers would pass vacuously
    expect(r.leaves).toBeGreaterThan(HIERARCHIES * 2);
    expect(r.verdicts.filter((v) => !v.openssl.ok).length).toBeGreaterThan(r.leaves / 10);
    expect(r.verdicts.filter((v) => v.openssl.ok).length).toBeGreaterThan(r.leaves / 10);
    const undocumented = r.undocumented.map((d) => `${d.peer}: ${d.key}\n  ${d.detail}`);
    expect(undocumented, 'divergences missing from the documented table').toEqual([]);
  }, 300_000);
});
