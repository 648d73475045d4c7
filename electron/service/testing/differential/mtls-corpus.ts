/**
 * mTLS agreement: for every ordered (server, client) pair of leaves in a generated hierarchy (its foreign root
 * included), CertDesk's `tls:checkMtls` against a real Go TLS 1.3 handshake in the seed's configuration
 * (RequireAndVerifyClientCert; ClientCAs = the server bundle's ca.crt, RootCAs = the client bundle's ca.crt),
 * with the files of CertDesk's own export bundles. Go performs no revocation checks, so a pair CertDesk
 * refuses only as revoked while Go completes the handshake is counted apart, not as a divergence.
 */
import 'reflect-metadata';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as x509 from '@peculiar/x509';
import type { HandshakeReport } from '../../../../shared/domain/types';
import { EXPECTED_MTLS_DIVERGENCES } from './expected-divergences';
import { buildGoPeer, goMtls, type GoMtlsJob, type GoMtlsResult } from './go-peer';
import {
  generateHierarchy,
  openCorpusVault,
  type GeneratedLeaf,
  type Hierarchy,
} from './hierarchy-generator';
import { randomCn } from './name-universe';
import { seededRandom, type Random } from './seeded-random';

export interface PairVerdict {
  hierarchy: number;
  server: GeneratedLeaf;
  client: GeneratedLeaf;
  serverName: string;
  certdesk: HandshakeReport;
  go: GoMtlsResult;
}

export interface MtlsDivergence {
  key: string;
  detail: string;
}

export interface MtlsCorpusResult {
  hierarchies: number;
  leaves: number;
  pairs: PairVerdict[];
  agree: number;
  /** CertDesk refused only for revocation, which Go does not check */
  revocationOnly: number;
  divergences: MtlsDivergence[];
  undocumented: MtlsDivergence[];
  elapsedMs: number;
}

/** Go's handshake error → the CertDesk reason it corresponds to. */
export function goReason(r: GoMtlsResult): string {
  const side = r.serverError?.includes('client certificate') ? 'client' : 'server';
  const text = `${r.serverError ?? ''} ${r.clientError ?? ''}`;
  const kind = /unknown authority/.test(text)
    ? 'unknown-ca'
    : /is valid for|not valid for any names|doesn't contain any IP SANs/.test(text)
      ? 'name-mismatch'
      : /expired or is not yet valid/.test(text)
        ? 'validity'
        : /incompatible key usage/.test(text)
          ? 'eku'
          : /not permitted|excluded|constraint/.test(text)
            ? 'name-constraints'
            : /intermediates|path length/.test(text)
              ? 'path-len'
              : /not authorized to sign/.test(text)
                ? 'ca-flag'
                : 'other';
  return `${side} certificate: ${kind}`;
}

function extendedKeyUsages(pem: string): string[] | null {
  const ext = new x509.X509Certificate(pem).getExtension(x509.ExtendedKeyUsageExtension);
  return ext ? ext.usages.map(String) : null;
}

function usages(pem: string): string {
  const ku = new x509.X509Certificate(pem).getExtension(x509.KeyUsagesExtension);
  const kuNames = ku
    ? Object.entries(x509.KeyUsageFlags)
        .filter(([, bit]) => typeof bit === 'number' && (ku.usages & bit) !== 0)
        .map(([name]) => name)
    : ['no KU'];
  return `KU ${kuNames.join('+')}, EKU ${extendedKeyUsages(pem)?.join('+') ?? 'none'}`;
}

/** CertDesk's reason; a KeyUsage refusal is OpenSSL's purpose rule, which Go does not apply. */
function certdeskReason(p: Omit<PairVerdict, 'go'>): string {
  const reason = p.certdesk.reason ?? 'other';
  return reason === 'server-key-usage' || reason === 'client-key-usage'
    ? `${reason} (Go ignores KeyUsage)`
    : reason;
}

function serverNameFor(rnd: Random, server: GeneratedLeaf): string {
  const names = server.sans.filter((s) => s.type === 'dns' || s.type === 'ip').map((s) => s.value);
  const roll = rnd.next();
  if (names.length > 0 && roll < 0.65) return rnd.pick(names);
  if (roll < 0.85) return randomCn(rnd).includes(' ') ? 'orders.internal' : randomCn(rnd);
  return server.cn.includes(' ') ? 'orders.internal' : server.cn;
}

/** The certificate and key files a deployment would use for a role, from an export bundle folder. */
function roleFiles(dir: string, role: 'server' | 'client'): { cert: string; key: string } {
  const order = role === 'server' ? ['server', 'tls', 'client'] : ['client', 'tls', 'server'];
  for (const name of order) {
    const cert = path.join(dir, `${name}.crt`);
    if (existsSync(cert)) return { cert, key: path.join(dir, `${name}.key`) };
  }
  throw new Error(`export bundle ${dir} has no certificate file`);
}

async function pairsOf(
  h: Hierarchy,
  rnd: Random,
  exportDir: string,
  goBinary: string,
): Promise<PairVerdict[]> {
  if (h.leaves.length === 0) return [];
  mkdirSync(exportDir, { recursive: true });
  // The operator's yes to main's box for unencrypted keys, which the Go handshake reads.
  h.fx.answers.confirm = true;
  const exported = await h.fx.call('export:bundle', {
    ids: h.leaves.map((l) => l.id),
    folderGrant: h.fx.grant(exportDir),
    unencryptedKeys: true,
    confirmUnencrypted: true,
  });
  const folder = new Map(exported.bundles.map((b) => [b.id, b.dir]));
  const pending: Omit<PairVerdict, 'go'>[] = [];
  const jobs: GoMtlsJob[] = [];
  for (const server of h.leaves)
    for (const client of h.leaves) {
      const serverName = serverNameFor(rnd, server);
      const certdesk = await h.fx.call('tls:checkMtls', {
        serverId: server.id,
        clientId: client.id,
        serverName,
      });
      const serverDir = folder.get(server.id)!;
      const clientDir = folder.get(client.id)!;
      const s = roleFiles(serverDir, 'server');
      const c = roleFiles(clientDir, 'client');
      const id = String(jobs.length);
      jobs.push({
        id,
        serverCert: s.cert,
        serverKey: s.key,
        serverCa: path.join(serverDir, 'ca.crt'),
        clientCert: c.cert,
        clientKey: c.key,
        clientCa: path.join(clientDir, 'ca.crt'),
        serverName,
        time: h.at.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      });
      pending.push({ hierarchy: h.index, server, client, serverName, certdesk });
    }
  const answers = new Map(goMtls(goBinary, jobs).map((r) => [r.id, r]));
  return pending.map((p, i) => ({
    ...p,
    go: answers.get(String(i)) ?? { id: String(i), ok: false, serverError: 'no answer from Go' },
  }));
}

export async function runMtlsCorpus(opts: { seed: number; hierarchies: number }): Promise<MtlsCorpusResult> {
  const started = Date.now();
  const at = new Date(Math.floor(Date.now() / 1000) * 1000);
  const goBinary = buildGoPeer();
  const rnd = seededRandom(opts.seed);
  const workDir = mkdtempSync(path.join(existsSync('/dev/shm') ? '/dev/shm' : tmpdir(), 'certdesk-mtls-'));
  const result: MtlsCorpusResult = {
    hierarchies: 0,
    leaves: 0,
    pairs: [],
    agree: 0,
    revocationOnly: 0,
    divergences: [],
    undocumented: [],
    elapsedMs: 0,
  };
  try {
    for (let index = 0; index < opts.hierarchies; index++) {
      // The TLS stack checks dates against the real clock, so every hierarchy is judged at "now".
      const vault = await openCorpusVault(at);
      try {
        const h = await generateHierarchy({ index, rnd: rnd.fork(index), at, vault, foreignRoot: true });
        result.hierarchies++;
        result.leaves += h.leaves.length;
        result.pairs.push(
          ...(await pairsOf(h, rnd.fork(1000 + index), path.join(workDir, `h${index}`), goBinary)),
        );
      } finally {
        await vault.close();
      }
    }
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  for (const p of result.pairs) {
    if (p.certdesk.ok === p.go.ok) {
      result.agree++;
      continue;
    }
    if (!p.certdesk.ok && p.certdesk.reason === 'revoked') {
      result.revocationOnly++;
      continue;
    }
    const key = p.go.ok
      ? `Go accepts, CertDesk rejects: ${certdeskReason(p)}`
      : `Go rejects, CertDesk accepts: ${goReason(p.go)}`;
    result.divergences.push({
      key,
      detail: [
        `h${p.hierarchy} server ${p.server.cn} (${p.server.profile}, ${usages(p.server.pem)}, ${p.server.tags.join(' ')})`,
        `client ${p.client.cn} (${p.client.profile}, ${usages(p.client.pem)}, ${p.client.tags.join(' ')}), serverName ${p.serverName}`,
        `CertDesk: ${p.certdesk.ok ? 'ok' : `${p.certdesk.reason}: ${p.certdesk.message}`}`,
        `Go: ${p.go.ok ? 'ok' : `server: ${p.go.serverError ?? '-'} / client: ${p.go.clientError ?? '-'}`}`,
      ].join('\n  '),
    });
  }
  const documented = new Set(EXPECTED_MTLS_DIVERGENCES.map((e) => e.key));
  result.undocumented = result.divergences.filter((d) => !documented.has(d.key));
  result.elapsedMs = Date.now() - started;
  return result;
}

export function formatMtlsCorpus(r: MtlsCorpusResult): string {
  const n = r.pairs.length;
  const comparable = n - r.revocationOnly;
  const lines = [
    `mTLS corpus: ${r.hierarchies} hierarchies, ${r.leaves} leaves, ${n} server/client pairs (${(r.elapsedMs / 1000).toFixed(1)} s)`,
    `handshakes: CertDesk ok ${r.pairs.filter((p) => p.certdesk.ok).length}, Go ok ${r.pairs.filter((p) => p.go.ok).length}`,
    `agreement with Go TLS 1.3: ${r.agree}/${comparable} comparable pairs (${comparable ? ((100 * r.agree) / comparable).toFixed(1) : '—'} %); ${r.revocationOnly} refused by CertDesk only as revoked (Go checks no revocation)`,
  ];
  const counts = new Map<string, number>();
  for (const d of r.divergences) counts.set(d.key, (counts.get(d.key) ?? 0) + 1);
  const documented = new Set(EXPECTED_MTLS_DIVERGENCES.map((e) => e.key));
  for (const [key, count] of [...counts].sort((a, b) => b[1] - a[1]))
    lines.push(`  ${String(count).padStart(4)} × ${key}${documented.has(key) ? '' : '   <- NOT DOCUMENTED'}`);
  return lines.join('\n');
}
