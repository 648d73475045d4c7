/**
 * Service unlock at scale: `npx tsx bench/service-unlock.ts` (CERTDESK_BENCH_COUNT=n for one size).
 * On service vaults of 10,000 and 100,000 certificates (bench/scale-vault.ts) it times, in rounds that
 * alternate so machine load hits each alike:
 * - the vault engine's open alone (read, decrypt, parse; the test KDF costs about a millisecond),
 * - the service's `vault:unlock` (the same open, then the inventory replay and the unlock bookkeeping),
 * - the first `certs:list` after that unlock (every certificate's chain verdict, none kept by an earlier
 *   session; the signatures the vault vouches for are not verified again), a second list (what every `certs:changed` refetch costs: verdicts
 *   remembered), and a list after revoking one certificate (a trust change: every verdict computed again),
 *   each against the floor of the same number of ECDSA verifications with one prepared CA key;
 * then, on another fresh service that has the verdicts the round's session kept at its lock, the app's own order after an unlock: `dashboard:summary` first (the
 * dashboard renders from it) and the list after it, which gives unlock → dashboard in main (the page adds
 * tens of milliseconds for the few KB of the summary; bench/ui-scale.ts times that part);
 * and the vault bytes per certificate issued with batch:issue (budget 800 B). Prints figures and ratios;
 * nothing is asserted.
 */
import { verify } from 'node:crypto';
import { rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { publicKeyObject } from '../electron/core/pki/keys';
import { readCert } from '../electron/core/pki/cert-raw';
import { openVault } from '../electron/core/vault';
import { verdictCachePathFor } from '../electron/core/vault/paths';
import { Inventory } from '../electron/service/inventory';
import type { DashboardSummary } from '../shared/domain/dashboard-summary';
import type { CertSummary } from '../shared/domain/types';
import { check, ms, renderSection, scratchDir, type BenchRow, type BenchSection } from './lib';
import { cloneUpTo, FAST_KDF, issueReal, PASS, REAL, serviceFor } from './scale-vault';

/** Best of the rounds: load from other processes only ever adds time. */
const best = (xs: number[]): number => Math.min(...xs);

interface Sample {
  engine: number;
  replay: number;
  unlock: number;
  firstList: number;
  secondList: number;
  afterRevoke: number;
  /** a fresh service as the app drives it: unlock, then dashboard:summary, then the list */
  appUnlock: number;
  summary: number;
  listAfterSummary: number;
}

/**
 * One round: the engine open (+ the inventory replay on its records), then a fresh service unlock, two lists,
 * the revocation of the round's own leaf (round k revokes the k-th leaf listed) and a third list.
 */
async function round(vaultPath: string, n: number, k: number): Promise<Sample> {
  let t = performance.now();
  const opened = await openVault(vaultPath, PASS, { readOnly: true });
  const engine = performance.now() - t;
  t = performance.now();
  const inventory = Inventory.replay(opened.records);
  const replay = performance.now() - t;
  await opened.vault.lock();
  if (inventory.entries.size !== n + 1) throw new Error(`expected ${n + 1} certificates`);

  // The lists below judge every chain: no verdicts kept by an earlier session (appOrder has them).
  rmSync(verdictCachePathFor(vaultPath), { force: true });
  const service = serviceFor(vaultPath, FAST_KDF);
  let measured: Omit<Sample, 'appUnlock' | 'summary' | 'listAfterSummary'>;
  try {
    t = performance.now();
    await service.call('vault:unlock', { passphrase: PASS });
    const unlock = performance.now() - t;
    t = performance.now();
    const list = (await service.call('certs:list', {})) as CertSummary[];
    const firstList = performance.now() - t;
    if (list.length !== n + 1) throw new Error(`certs:list returned ${list.length}`);
    t = performance.now();
    await service.call('certs:list', {});
    const secondList = performance.now() - t;
    const leaf = list.filter((c) => c.kind === 'leaf')[k]!;
    await service.call('certs:revoke', { id: leaf.id, reason: 'superseded' });
    t = performance.now();
    const third = (await service.call('certs:list', {})) as CertSummary[];
    const afterRevoke = performance.now() - t;
    if (!third.some((c) => c.id === leaf.id && c.revoked)) throw new Error('the revocation is not listed');
    measured = { engine, replay, unlock, firstList, secondList, afterRevoke };
  } finally {
    await service.dispose();
  }
  return { ...measured, ...(await appOrder(vaultPath, n)) };
}

/**
 * A fresh service in the app's order after an unlock: the dashboard's summary first, then the list; with the
 * verdicts the round's session kept at its lock (`<vault>.verdicts`), as every unlock after the first has them.
 */
async function appOrder(
  vaultPath: string,
  n: number,
): Promise<Pick<Sample, 'appUnlock' | 'summary' | 'listAfterSummary'>> {
  const service = serviceFor(vaultPath, FAST_KDF);
  try {
    let t = performance.now();
    await service.call('vault:unlock', { passphrase: PASS });
    const appUnlock = performance.now() - t;
    t = performance.now();
    const summary = (await service.call('dashboard:summary', {})) as DashboardSummary;
    const summaryMs = performance.now() - t;
    if (summary.total !== n + 1) throw new Error(`dashboard:summary counted ${summary.total}`);
    t = performance.now();
    await service.call('certs:list', {});
    return { appUnlock, summary: summaryMs, listAfterSummary: performance.now() - t };
  } finally {
    await service.dispose();
  }
}

/** n ECDSA verifications of one leaf's signature with the CA key built once: the signature work's floor. */
async function verifyFloor(vaultPath: string, n: number): Promise<number> {
  const opened = await openVault(vaultPath, PASS, { readOnly: true });
  const inventory = Inventory.replay(opened.records);
  await opened.vault.lock();
  const ca = inventory.cas()[0]!;
  const leaf = [...inventory.entries.values()].find((e) => e.summary.kind === 'leaf')!;
  const key = publicKeyObject(readCert(ca.der).spki);
  const raw = readCert(leaf.der);
  const t = performance.now();
  for (let i = 0; i < n; i++) {
    if (!verify('sha256', raw.tbs, key, raw.signature)) throw new Error('the leaf does not verify');
  }
  return performance.now() - t;
}

export async function run(opts: { counts?: number[] } = {}): Promise<BenchSection> {
  const one = Number(process.env.CERTDESK_BENCH_COUNT);
  const counts = opts.counts ?? (one ? [one] : [10_000, 100_000]);
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  for (const n of counts) {
    const s = scratchDir('service-unlock');
    try {
      const vaultPath = path.join(s.dir, 'scale.certdesk');
      const real = Math.min(n, REAL);
      const { bytesPerCert } = await issueReal(vaultPath, real);
      await cloneUpTo(vaultPath, real, n);
      const samples: Sample[] = [];
      const rounds = n >= 50_000 ? 2 : 3;
      for (let k = 0; k < rounds; k++) samples.push(await round(vaultPath, n, k));
      const floor = await verifyFloor(vaultPath, n);
      const m = (key: keyof Sample): number => best(samples.map((x) => x[key]));
      const label = n.toLocaleString('en');
      // best of the rounds' sums: a round's unlock and summary run back to back
      const toDashboard = best(samples.map((x) => x.appUnlock + x.summary));
      if (n === counts[0])
        rows.push({
          metric: 'vault bytes per certificate (record, DER, wrapped key)',
          value: `${Math.round(bytesPerCert)} B`,
          versus: 'budget 800 B',
          ratio: `${((bytesPerCert / 800) * 100).toFixed(0)} % of budget`,
          target: `≤ 800 B ${check(bytesPerCert <= 800)}`,
        });
      rows.push(
        {
          metric: `vault:unlock in the service, KDF excluded, ${label}`,
          value: `${ms(m('unlock'))} ms`,
          versus: `engine open alone ${ms(m('engine'))} ms`,
          ratio: `${(m('unlock') / m('engine')).toFixed(2)}× the engine`,
          target: n >= 100_000 ? `≤ 600 ms ${check(m('unlock') <= 600)}` : 'reported',
        },
        {
          metric: `unlock → dashboard in main (unlock + dashboard:summary, fresh service, verdicts kept), ${label}`,
          value: `${ms(toDashboard)} ms`,
          versus: 'budget 1,000 ms (in the page)',
          ratio: `${((toDashboard / 1000) * 100).toFixed(0)} % of budget`,
          target: n >= 100_000 ? `< 1 s ${check(toDashboard < 1000)}` : 'reported',
        },
        {
          metric: `  of which the inventory replay, ${label}`,
          value: `${ms(m('replay'))} ms`,
          versus: `engine open alone ${ms(m('engine'))} ms`,
          ratio: `${((m('replay') / m('engine')) * 100).toFixed(0)} % of the engine`,
          target: 'reported',
        },
        ...(
          [
            ['summary', `dashboard:summary right after unlock (what the app asks first), ${label}`],
            ['listAfterSummary', `certs:list after that summary (verdicts remembered), ${label}`],
            ['firstList', `first certs:list after unlock, no verdicts kept (every chain judged), ${label}`],
            ['secondList', `second certs:list (a refetch after a change), ${label}`],
            ['afterRevoke', `certs:list after revoking one certificate, ${label}`],
          ] as const
        ).map(([key, metric]) => ({
          metric,
          value: `${ms(m(key))} ms`,
          versus: `${label} ECDSA verifications, key built once: ${ms(floor)} ms`,
          ratio: `${(m(key) / floor).toFixed(2)}× the floor`,
          target: 'reported',
        })),
      );
      notes.push(
        `${label}: ${real.toLocaleString('en')} certificates issued for real (${Math.round(bytesPerCert)} vault bytes each), the rest copies of their records; best of ${rounds} rounds. Unlock samples ${samples.map((x) => ms(x.unlock)).join(', ')} ms; engine ${samples.map((x) => ms(x.engine)).join(', ')} ms; first list ${samples.map((x) => ms(x.firstList)).join(', ')} ms; second ${samples.map((x) => ms(x.secondList)).join(', ')} ms; after a revocation ${samples.map((x) => ms(x.afterRevoke)).join(', ')} ms; app order: unlock ${samples.map((x) => ms(x.appUnlock)).join(', ')} ms, summary ${samples.map((x) => ms(x.summary)).join(', ')} ms, list after it ${samples.map((x) => ms(x.listAfterSummary)).join(', ')} ms.`,
      );
    } finally {
      s.remove();
    }
  }
  notes.push(
    `Load average (1/5/15 min) at the end: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')}; wall times inflate under load, ratios from the same rounds much less.`,
  );
  return { title: 'Service unlock and the first list (bench/service-unlock.ts)', rows, notes };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(renderSection(await run()));
}
