/**
 * A differential corpus: N seeded hierarchies, every leaf judged by CertDesk, openssl and Go, the totals and
 * the divergences. Shared by the CI test (small fixed seed) and bench/differential.ts (larger).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  attachGo,
  divergencesOf,
  verdictsFor,
  type Divergence,
  type LeafVerdicts,
  type PendingVerdicts,
} from './compare';
import { EXPECTED_DIVERGENCES } from './expected-divergences';
import { buildGoPeer, goVerify } from './go-peer';
import { probeDivergences, probeRefusals, type PendingProbe } from './refusal-probe';
import {
  generateHierarchy,
  openCorpusVault,
  type CorpusVault,
  type Hierarchy,
  type Refusal,
} from './hierarchy-generator';
import { seededRandom } from './seeded-random';

/** Hierarchies sharing one vault: fewer vaults to create, while chain building stays cheap. */
const HIERARCHIES_PER_VAULT = 12;

export interface CorpusOptions {
  seed: number;
  hierarchies: number;
  /** the evaluation clock; default now, whole seconds */
  at?: Date;
  /** called with each vault's hierarchies before the vault is closed (the mTLS corpus reuses them) */
  visit?: (group: Hierarchy[], vault: CorpusVault) => Promise<void>;
}

export interface CorpusResult {
  hierarchies: number;
  cas: number;
  leaves: number;
  refusals: Refusal[];
  verdicts: LeafVerdicts[];
  divergences: Divergence[];
  /** refused certificates built by other means: how many, and where the peer rejects them for the same rule */
  probes: { total: number; agree: { openssl: number; go: number } };
  /** leaves where CertDesk and the peer agree (accept/reject) */
  agree: { openssl: number; go: number };
  /** divergences whose key is not in the documented table */
  undocumented: Divergence[];
  elapsedMs: number;
}

export async function runCorpus(opts: CorpusOptions): Promise<CorpusResult> {
  const started = Date.now();
  const at = opts.at ?? new Date(Math.floor(Date.now() / 1000) * 1000);
  const goBinary = buildGoPeer();
  const workDir = mkdtempSync(path.join(tmpdir(), 'certdesk-differential-'));
  const rnd = seededRandom(opts.seed);
  const result: CorpusResult = {
    hierarchies: 0,
    cas: 0,
    leaves: 0,
    refusals: [],
    verdicts: [],
    divergences: [],
    agree: { openssl: 0, go: 0 },
    probes: { total: 0, agree: { openssl: 0, go: 0 } },
    undocumented: [],
    elapsedMs: 0,
  };
  const pending: PendingVerdicts[] = [];
  const probes: PendingProbe[] = [];
  try {
    for (let start = 0; start < opts.hierarchies; start += HIERARCHIES_PER_VAULT) {
      const vault = await openCorpusVault(at);
      try {
        const group: Hierarchy[] = [];
        for (let index = start; index < Math.min(opts.hierarchies, start + HIERARCHIES_PER_VAULT); index++)
          group.push(await generateHierarchy({ index, rnd: rnd.fork(index), at, vault }));
        pending.push(...(await verdictsFor(group, workDir)));
        probes.push(...(await probeRefusals(group, workDir)));
        for (const h of group) {
          result.hierarchies++;
          result.cas += h.cas.length;
          result.leaves += h.leaves.length;
          result.refusals.push(...h.refusals);
        }
        if (opts.visit) await opts.visit(group, vault);
      } finally {
        await vault.close();
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  result.verdicts = attachGo(pending, goBinary);
  for (const v of result.verdicts) {
    const found = divergencesOf(v);
    if (!found.some((d) => d.peer === 'openssl')) result.agree.openssl++;
    if (!found.some((d) => d.peer === 'go')) result.agree.go++;
    result.divergences.push(...found);
  }
  const probeAnswers = new Map(
    goVerify(
      goBinary,
      probes.map((p) => p.goJob),
    ).map((r) => [r.id, r]),
  );
  for (const { goJob, ...p } of probes) {
    const go = probeAnswers.get(goJob.id) ?? { id: goJob.id, ok: false, kind: 'missing' };
    const found = probeDivergences({ ...p, go });
    result.probes.total++;
    if (!found.some((d) => d.peer === 'openssl')) result.probes.agree.openssl++;
    if (!found.some((d) => d.peer === 'go')) result.probes.agree.go++;
    result.divergences.push(...found.map((d) => ({ ...d, hierarchy: p.hierarchy, leafId: goJob.id })));
  }
  const documented = new Set(EXPECTED_DIVERGENCES.map((e) => e.key));
  result.undocumented = result.divergences.filter((d) => !documented.has(d.key));
  result.elapsedMs = Date.now() - started;
  return result;
}

const pct = (n: number, of: number): string => (of === 0 ? '—' : `${((100 * n) / of).toFixed(1)} %`);

function countBy<T>(items: T[], key: (t: T) => string): [string, number][] {
  const m = new Map<string, number>();
  for (const i of items) m.set(key(i), (m.get(key(i)) ?? 0) + 1);
  return [...m.entries()].sort((a, b) => b[1] - a[1]);
}

/** Human-readable figures: corpus size, agreement with each peer, divergences by kind, refusals by code. */
export function formatCorpus(r: CorpusResult): string {
  const rejected = (p: (v: LeafVerdicts) => boolean): number => r.verdicts.filter(p).length;
  const lines = [
    `corpus: ${r.hierarchies} hierarchies, ${r.cas} CAs, ${r.leaves} leaves judged, ${r.refusals.length} issuance refusals (${(r.elapsedMs / 1000).toFixed(1)} s)`,
    `rejected: CertDesk ${rejected((v) => !v.certdesk.ok)}, openssl ${rejected((v) => !v.openssl.ok)}, Go ${rejected((v) => !v.go.ok)}`,
    `agreement with openssl: ${r.agree.openssl}/${r.leaves} (${pct(r.agree.openssl, r.leaves)})`,
    `agreement with Go:      ${r.agree.go}/${r.leaves} (${pct(r.agree.go, r.leaves)})`,
    `refusals built by other means: ${r.probes.total}; openssl rejects them for the same rule ${r.probes.agree.openssl}/${r.probes.total} (${pct(r.probes.agree.openssl, r.probes.total)}), Go ${r.probes.agree.go}/${r.probes.total} (${pct(r.probes.agree.go, r.probes.total)})`,
  ];
  const documented = new Set(EXPECTED_DIVERGENCES.map((e) => e.key));
  for (const [key, n] of countBy(r.divergences, (d) => d.key))
    lines.push(`  ${n.toString().padStart(4)} × ${key}${documented.has(key) ? '' : '   <- NOT DOCUMENTED'}`);
  if (r.refusals.length) lines.push('issuance refusals (not in the corpus):');
  for (const [code, n] of countBy(r.refusals, (x) => x.code))
    lines.push(`  ${n.toString().padStart(4)} × ${code}`);
  return lines.join('\n');
}
