import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { formatCorpus, runCorpus } from './testing/differential/corpus';
import { EXPECTED_DIVERGENCES } from './testing/differential/expected-divergences';
import { buildGoPeer } from './testing/differential/go-peer';
import { runTimeProbes, timeProbeDivergences, TIME_CASES } from './testing/differential/time-probe';

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

describe('agreement with openssl and Go on certificate times', () => {
  it('refuses the times both peers refuse, lists them as invalid, and reads the odd years they read', async () => {
    const workDir = mkdtempSync(path.join(tmpdir(), 'certdesk-differential-times-'));
    try {
      const verdicts = await runTimeProbes(workDir, buildGoPeer());
      expect(verdicts).toHaveLength(TIME_CASES.length);
      // a probe set the peers stopped rejecting (or accepting) would pass vacuously
      expect(verdicts.filter((v) => !v.openssl.ok && !v.go.ok).length).toBeGreaterThan(10);
      expect(verdicts.filter((v) => v.openssl.ok && v.go.ok).length).toBeGreaterThan(3);
      const documented = new Set(EXPECTED_DIVERGENCES.map((e) => e.key));
      const undocumented = verdicts
        .flatMap(timeProbeDivergences)
        .filter((d) => !documented.has(d.key))
        .map((d) => `${d.key}\n  ${d.detail}`);
      expect(undocumented, 'divergences missing from the documented table').toEqual([]);
      // every refusal names the field it could not read
      for (const v of verdicts.filter((x) => !x.certdesk.ok && !x.listed.ok && !x.openssl.ok && !x.go.ok))
        if (v.go.kind === 'parse') expect(v.certdesk.reason).toContain(`${v.case.field} "${v.case.text}"`);
    } finally {
      rmSync(workDir, { recursive: true, force: true });
    }
  }, 120_000);
});
