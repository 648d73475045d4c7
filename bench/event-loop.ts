/**
 * Event-loop responsiveness (issue #8): while a batch of 1,000 certificates and an RSA-4096 key generation
 * run, a cheap channel (app:info) is dispatched through createDispatcher every 5 ms, as the renderer's IPC
 * would be. Latency counts from the moment each request was due (a late timer is part of the wait).
 * The idle figure (same process, same run, nothing running) is the peer. Run alone: `tsx bench/event-loop.ts`.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { generateKeyPair } from '../electron/core/pki';
import { createCertDeskService } from '../electron/service';
import { createDispatcher } from '../electron/service/dispatch';
import { AppError } from '../shared/ipc/error-codes';
import type { BatchResult, IssueResult } from '../shared/domain/types';
import { check, ms, percentile, renderSection, scratchDir, type BenchSection } from './lib';

const INTERVAL_MS = 5;

/** Pings app:info every INTERVAL_MS until `until` settles; returns sorted latencies in ms. */
export async function probe(
  dispatch: ReturnType<typeof createDispatcher>,
  until: Promise<unknown>,
): Promise<number[]> {
  const latencies: number[] = [];
  let done = false;
  void until.finally(() => (done = true));
  let due = performance.now() + INTERVAL_MS;
  const inflight: Promise<void>[] = [];
  while (!done) {
    await new Promise((r) => setTimeout(r, Math.max(0, due - performance.now())));
    const wanted = due;
    due = Math.max(due + INTERVAL_MS, performance.now());
    inflight.push(
      dispatch('app:info', {}).then((r) => {
        if (!r.ok) throw new Error(r.error.message);
        // a timer may fire a fraction of a ms before its due time
        latencies.push(Math.max(0, performance.now() - wanted));
      }),
    );
  }
  await Promise.all(inflight);
  return latencies.sort((a, b) => a - b);
}

export async function run(opts: { count?: number } = {}): Promise<BenchSection> {
  const n = opts.count ?? 1000;
  const s = scratchDir('event-loop');
  const service = createCertDeskService({
    now: () => new Date(),
    defaultVaultPath: path.join(s.dir, 'v.certdesk'),
    appVersion: 'bench',
    platform: process.platform,
    kdf: { N: 2 ** 10, r: 8, p: 1 }, // benches measure issuance, not the KDF
  });
  const dispatch = createDispatcher({
    ...service.handlers,
    'dialog:openFile': () => Promise.reject(new AppError('NOT_SUPPORTED', 'bench')),
    'dialog:chooseFolder': () => Promise.reject(new AppError('NOT_SUPPORTED', 'bench')),
  });
  try {
    const created = await dispatch('vault:create', { passphrase: 'bench passphrase 1234' });
    if (!created.ok) throw new Error(created.error.message);
    const ca = await dispatch('ca:create', { subject: { cn: 'bench-ca' } });
    if (!ca.ok) throw new Error(ca.error.message);
    const caId = (ca.value as IssueResult).summary.id;

    const idle = await probe(dispatch, new Promise((r) => setTimeout(r, 1000)));

    const manifest = [
      'name,profile,sans,key,days',
      ...Array.from({ length: n }, (_, i) => `svc-${i},service,DNS:svc-${i},ec-p256,90`),
    ].join('\n');
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    const elu0 = performance.eventLoopUtilization();
    const started = performance.now();
    const work = Promise.all([
      dispatch('batch:issue', { caId, manifest, batchId: 'loop' }).then((r) => {
        if (!r.ok) throw new Error(r.error.message);
        return { batchMs: performance.now() - started, issued: (r.value as BatchResult).issued };
      }),
      generateKeyPair('rsa-4096').then(() => performance.now() - started),
    ]);
    const busy = await probe(dispatch, work);
    h.disable();
    const elu = performance.eventLoopUtilization(elu0);
    const [{ batchMs, issued }, rsaMs] = await work;

    const p99 = percentile(busy, 99);
    const idleP99 = percentile(idle, 99);
    return {
      title: 'Event-loop responsiveness',
      rows: [
        {
          metric: `IPC round-trip p99 (app:info every ${INTERVAL_MS} ms) during batch + RSA-4096`,
          value: `${ms(p99)} ms`,
          versus: `idle p99 ${ms(idleP99)} ms`,
          ratio: `${(p99 / Math.max(idleP99, 0.001)).toFixed(1)}× idle`,
          target: `< 50 ms ${check(p99 < 50)}`,
        },
        {
          metric: 'IPC round-trip p50 / max during the load',
          value: `${ms(percentile(busy, 50))} / ${ms(busy.at(-1) ?? NaN)} ms`,
          versus: `idle p50 ${ms(percentile(idle, 50))} ms`,
          ratio: '',
          target: '',
        },
        {
          metric: 'event-loop delay p99 (perf_hooks)',
          value: `${ms(h.percentile(99) / 1e6)} ms`,
          versus: '',
          ratio: '',
          target: '',
        },
      ],
      notes: [
        `Main-thread event-loop utilisation during the load: ${(elu.utilization * 100).toFixed(0)} % (${ms(elu.active)} ms busy of ${ms(elu.active + elu.idle)} ms).`,
        `${issued} certificates issued and persisted in ${ms(batchMs)} ms; RSA-4096 key generated in ${ms(rsaMs)} ms, concurrently; ${busy.length} probes during the load, ${idle.length} idle.`,
      ],
    };
  } finally {
    await service.dispose();
    s.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(renderSection(await run()));
}
