/**
 * `openssl verify -x509_strict -crl_check_all -purpose … -attime …` over a whole hierarchy in one process per
 * purpose: every leaf file is one argument, and openssl reports each on its own (OK on stdout; its errors and
 * "verification failed" on stderr, in order).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Hierarchy, PeerPurpose } from './hierarchy-generator';

export interface OpensslVerdict {
  ok: boolean;
  /** openssl's messages, e.g. "permitted subtree violation" */
  errors: string[];
}

const PURPOSE: Record<PeerPurpose, string> = { server: 'sslserver', client: 'sslclient', any: 'any' };

export interface OpensslBatch {
  /** a fresh folder for the files */
  dir: string;
  roots: string[];
  intermediates: string[];
  /** CRLs to check every link against (-crl_check_all); null for no revocation checking */
  crls: string[] | null;
  at: Date;
  leaves: { id: string; pem: string; purpose: PeerPurpose }[];
}

/** One openssl process per purpose for the whole batch; CA names must be unique within it. */
export function opensslVerifyBatch(batch: OpensslBatch): Map<string, OpensslVerdict> {
  const { dir } = batch;
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'roots.pem'), batch.roots.join(''));
  writeFileSync(path.join(dir, 'inters.pem'), batch.intermediates.join(''));
  writeFileSync(path.join(dir, 'crls.pem'), (batch.crls ?? []).join(''));
  const out = new Map<string, OpensslVerdict>();
  const byPurpose = new Map<PeerPurpose, OpensslBatch['leaves']>();
  for (const leaf of batch.leaves)
    byPurpose.set(leaf.purpose, [...(byPurpose.get(leaf.purpose) ?? []), leaf]);
  for (const [purpose, leaves] of byPurpose) {
    const files = leaves.map((leaf) => {
      const file = path.join(dir, `${leaf.id}.pem`);
      writeFileSync(file, leaf.pem);
      return file;
    });
    const args = [
      'verify',
      '-x509_strict',
      ...(batch.crls ? ['-crl_check_all'] : []),
      '-purpose',
      PURPOSE[purpose],
      '-attime',
      String(Math.floor(batch.at.getTime() / 1000)),
      '-CAfile',
      path.join(dir, 'roots.pem'),
      ...(batch.intermediates.length ? ['-untrusted', path.join(dir, 'inters.pem')] : []),
      ...(batch.crls?.length ? ['-CRLfile', path.join(dir, 'crls.pem')] : []),
      ...files,
    ];
    const r = spawnSync('openssl', args, { encoding: 'utf8' });
    if (r.error) throw new Error(`openssl could not run: ${r.error.message}`);
    const oks = new Set(
      r.stdout
        .split('\n')
        .filter((l) => l.endsWith(': OK'))
        .map((l) => l.slice(0, -4)),
    );
    const failed = new Map<string, string[]>();
    let pending: string[] = [];
    for (const line of r.stderr.split('\n')) {
      const err = /^error \d+ at \d+ depth lookup: (.*)$/.exec(line);
      if (err) pending.push(err[1]!);
      const done = /^error (.*): verification failed$/.exec(line);
      if (done) {
        failed.set(done[1]!, pending);
        pending = [];
      }
    }
    leaves.forEach((leaf, i) => {
      const file = files[i]!;
      if (oks.has(file)) out.set(leaf.id, { ok: true, errors: [] });
      else if (failed.has(file)) out.set(leaf.id, { ok: false, errors: failed.get(file)! });
      else throw new Error(`openssl said nothing about ${file}:\n${r.stdout}\n${r.stderr}`);
    });
  }
  return out;
}

/**
 * Runs openssl for every leaf of the hierarchies, which share one evaluation time; the CRLs are those the
 * service published. CA names are unique across hierarchies, so one trust store serves them all.
 */
export function opensslVerdicts(group: Hierarchy[], workDir: string): Map<string, OpensslVerdict> {
  const first = group[0];
  if (!first) return new Map();
  const cas = group.flatMap((h) => h.cas);
  return opensslVerifyBatch({
    dir: path.join(workDir, `h${first.index}`),
    roots: cas.filter((c) => c.parentId === null).map((c) => c.pem),
    intermediates: cas.filter((c) => c.parentId !== null).map((c) => c.pem),
    crls: group.flatMap((h) => h.crls),
    at: first.at,
    leaves: group.flatMap((h) => h.leaves),
  });
}

/** openssl's message → the CertDesk chain check it corresponds to (for reading divergences). */
export function opensslCategory(message: string): string {
  const m = message.toLowerCase();
  if (/expired|not yet valid/.test(m) && !m.includes('crl')) return 'validity';
  if (m.includes('revoked')) return 'revocation';
  if (m.includes('crl')) return 'crl';
  if (m.includes('subtree') || m.includes('name constraint') || m.includes('name syntax'))
    return 'name-constraints';
  if (m.includes('path length')) return 'path-len';
  if (m.includes('invalid ca certificate')) return 'ca-flag';
  if (m.includes('purpose')) return 'eku';
  if (m.includes('key usage') || m.includes('keyusage')) return 'key-usage';
  if (m.includes('issuer') || m.includes('self-signed') || m.includes('self signed')) return 'trust';
  if (m.includes('signature')) return 'signature';
  return `other: ${message}`;
}
