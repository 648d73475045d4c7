/**
 * Asks CertDesk (the service's chain verdict), openssl and Go about every leaf of a hierarchy and lists where
 * they disagree. Go performs no revocation and no KeyUsage checks, so CertDesk is compared with Go on the
 * other checks only.
 */
import { certStatus } from '../../../../shared/domain/expiry';
import type { CertStatus, ChainCheck } from '../../../../shared/domain/types';
import { goVerify, type GoVerifyJob, type GoVerifyResult } from './go-peer';
import type { GeneratedLeaf, Hierarchy } from './hierarchy-generator';
import { opensslCategory, opensslVerdicts, type OpensslVerdict } from './openssl-peer';

/** Chain checks Go's crypto/x509 Verify does not perform. */
const NOT_CHECKED_BY_GO: readonly ChainCheck['check'][] = ['revocation', 'key-usage'];

export interface CertDeskVerdict {
  ok: boolean;
  /** failing checks, leaf first, e.g. ["validity", "revocation"] */
  failed: ChainCheck['check'][];
  messages: string[];
}

export interface LeafVerdicts {
  hierarchy: number;
  leaf: GeneratedLeaf;
  /** tags of the leaf and of every CA above it */
  tags: string[];
  certdesk: CertDeskVerdict;
  /** the status the inventory list shows for the leaf (valid and expiring accept it) */
  status: CertStatus;
  /** CertDesk's verdict restricted to the checks Go performs */
  certdeskAsGo: CertDeskVerdict;
  openssl: OpensslVerdict;
  go: GoVerifyResult;
}

export type PendingVerdicts = Omit<LeafVerdicts, 'go'> & { goJob: GoVerifyJob };

export type Peer = 'openssl' | 'go';

export interface Divergence {
  peer: Peer;
  /** stable description used to match the documented table, e.g. "openssl rejects: name-constraints (host-like CN)" */
  key: string;
  hierarchy: number;
  leafId: string;
  detail: string;
}

async function certdeskVerdict(h: Hierarchy, leafId: string): Promise<[CertDeskVerdict, CertDeskVerdict]> {
  const detail = await h.fx.call('certs:get', { id: leafId });
  const verdict = (skip: readonly ChainCheck['check'][]): CertDeskVerdict => {
    const failing = detail.chain.flatMap((link) =>
      link.checks.filter((c) => !c.ok && !skip.includes(c.check)).map((c) => ({ link, c })),
    );
    return {
      ok: failing.length === 0,
      failed: failing.map((f) => f.c.check),
      messages: failing.map((f) => `${f.link.subject}: ${f.c.message}`),
    };
  };
  return [verdict([]), verdict(NOT_CHECKED_BY_GO)];
}

function tagsAbove(h: Hierarchy, leaf: GeneratedLeaf): string[] {
  const tags = [...leaf.tags];
  for (let id: string | null = leaf.caId; id;) {
    const ca = h.cas.find((c) => c.id === id);
    if (!ca) break;
    tags.push(...ca.tags.map((t) => `ca:${t}`));
    id = ca.parentId;
  }
  return tags;
}

/**
 * CertDesk's and openssl's verdicts on every leaf of a group of hierarchies (one vault, one clock), with the
 * job Go will be asked; Go runs once per corpus (see `attachGo`), since starting it dominates its cost.
 */
export async function verdictsFor(group: Hierarchy[], workDir: string): Promise<PendingVerdicts[]> {
  const openssl = opensslVerdicts(group, workDir);
  const out: PendingVerdicts[] = [];
  const fx = group[0]?.fx;
  if (!fx) return out;
  const { thresholds } = await fx.call('settings:get', {});
  const listed = new Map((await fx.call('certs:list', { kind: 'leaf' })).map((s) => [s.id, s]));
  for (const h of group) {
    const roots = h.cas.filter((c) => c.parentId === null).map((c) => c.pem);
    const intermediates = h.cas.filter((c) => c.parentId !== null).map((c) => c.pem);
    for (const leaf of h.leaves) {
      const [certdesk, certdeskAsGo] = await certdeskVerdict(h, leaf.id);
      const opensslVerdict = openssl.get(leaf.id);
      const summary = listed.get(leaf.id);
      if (!opensslVerdict || !summary) throw new Error(`no openssl verdict or list entry for ${leaf.id}`);
      out.push({
        hierarchy: h.index,
        leaf,
        tags: tagsAbove(h, leaf),
        certdesk,
        status: certStatus(summary, h.at, thresholds),
        certdeskAsGo,
        openssl: opensslVerdict,
        goJob: {
          id: leaf.id,
          leaf: leaf.pem,
          intermediates,
          roots,
          purpose: leaf.purpose,
          time: h.at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
        },
      });
    }
  }
  return out;
}

/** Asks Go about every pending leaf in one process. */
export function attachGo(pending: PendingVerdicts[], goBinary: string): LeafVerdicts[] {
  const answers = new Map(
    goVerify(
      goBinary,
      pending.map((p) => p.goJob),
    ).map((r) => [r.id, r]),
  );
  return pending.map(({ goJob, ...v }) => ({
    ...v,
    go: answers.get(goJob.id) ?? { id: goJob.id, ok: false, kind: 'missing', error: 'no answer from Go' },
  }));
}

const uniqueSorted = (xs: string[]): string => [...new Set(xs)].sort().join(', ');

function refine(category: string, v: LeafVerdicts): string {
  return category.includes('name-constraints') && v.tags.includes('host-cn-without-dns-san')
    ? `${category} (host-like CN, no DNS SAN)`
    : category;
}

/** The disagreements in one leaf's verdicts: chain and listed status vs openssl, chain vs Go. */
export function divergencesOf(v: LeafVerdicts): Divergence[] {
  const out: Divergence[] = [];
  const base = { hierarchy: v.hierarchy, leafId: v.leaf.id };
  const describe = (): string =>
    [
      `h${v.hierarchy} leaf ${v.leaf.cn} (${v.leaf.profile}, SANs ${JSON.stringify(v.leaf.sans)})`,
      `tags: ${v.tags.join(' ')}`,
      `CertDesk: ${v.certdesk.ok ? 'chain ok' : v.certdesk.messages.join(' | ')}; listed as ${v.status}`,
      `openssl: ${v.openssl.ok ? 'OK' : v.openssl.errors.join(' | ')}`,
      `Go: ${v.go.ok ? 'OK' : `${v.go.kind}: ${v.go.error}`}`,
    ].join('\n  ');
  if (v.certdesk.ok !== v.openssl.ok) {
    const key = v.openssl.ok
      ? `openssl accepts, CertDesk rejects: ${refine(uniqueSorted(v.certdesk.failed), v)}`
      : `openssl rejects, CertDesk accepts: ${refine(uniqueSorted(v.openssl.errors.map(opensslCategory)), v)}`;
    out.push({ ...base, peer: 'openssl', key, detail: describe() });
  }
  const statusAccepts = v.status === 'valid' || v.status === 'expiring';
  if (statusAccepts !== v.openssl.ok) {
    const key = `openssl ${v.openssl.ok ? 'accepts' : 'rejects'}, CertDesk lists the leaf as ${v.status}`;
    out.push({ ...base, peer: 'openssl', key, detail: describe() });
  }
  if (v.certdeskAsGo.ok !== v.go.ok) {
    const key = v.go.ok
      ? `Go accepts, CertDesk rejects: ${refine(uniqueSorted(v.certdeskAsGo.failed), v)}`
      : `Go rejects, CertDesk accepts: ${refine(v.go.kind ?? 'other', v)}`;
    out.push({ ...base, peer: 'go', key, detail: describe() });
  }
  return out;
}
