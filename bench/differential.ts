/**
 * The large differential corpus: random hierarchies built through the service, every leaf's verdict compared
 * with `openssl verify -x509_strict -crl_check_all` and Go's crypto/x509; with --mtls, CertDesk's mTLS check
 * on every server/client pair compared with a Go TLS 1.3 handshake. Prints the corpus size, the agreement
 * figures and the divergences by kind; exits 1 when a divergence is missing from the documented table.
 * Not part of the pass/fail suite.
 *   tsx bench/differential.ts [--hierarchies 1000] [--mtls 40] [--seed 1] [--details]
 */
import { parseArgs } from 'node:util';
import { formatCorpus, runCorpus } from '../electron/service/testing/differential/corpus';
import { formatMtlsCorpus, runMtlsCorpus } from '../electron/service/testing/differential/mtls-corpus';

const { values } = parseArgs({
  options: {
    hierarchies: { type: 'string', default: '1000' },
    mtls: { type: 'string', default: '0' },
    seed: { type: 'string', default: String(Date.now() % 1_000_000) },
    details: { type: 'boolean', default: false },
  },
});
const hierarchies = Number(values.hierarchies);
const mtlsHierarchies = Number(values.mtls);
const seed = Number(values.seed);
let undocumented = 0;

if (hierarchies > 0) {
  console.log(`differential corpus: seed ${seed}, ${hierarchies} hierarchies`);
  const result = await runCorpus({ seed, hierarchies });
  console.log(formatCorpus(result));
  const shown = values.details ? result.divergences : result.undocumented;
  for (const d of shown) console.log(`\n${d.peer}: ${d.key}\n  ${d.detail}`);
  undocumented += result.undocumented.length;
}
if (mtlsHierarchies > 0) {
  console.log(`\nmTLS corpus: seed ${seed}, ${mtlsHierarchies} hierarchies`);
  const result = await runMtlsCorpus({ seed, hierarchies: mtlsHierarchies });
  console.log(formatMtlsCorpus(result));
  const shown = values.details ? result.divergences : result.undocumented;
  for (const d of shown) console.log(`\n${d.key}\n  ${d.detail}`);
  undocumented += result.undocumented.length;
}
if (undocumented > 0) {
  console.log(`\n${undocumented} divergence(s) are not in the documented table`);
  process.exitCode = 1;
}
