/**
 * `npm run bench`: every benchmark in one run, one report. Prints the tables and writes bench/RESULTS.md with
 * the machine they ran on and the command that made them (bench/HISTORY.md keeps earlier runs and the
 * before/after records of each change; this script never writes it). Not part of pass/fail: targets are reported (✓/✗),
 * never asserted. Bounded to roughly ten minutes on two cores.
 *   CERTDESK_BENCH_QUICK=1 — smaller counts (smoke run)
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machine, renderSection, type BenchSection } from './lib';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const quick = process.env.CERTDESK_BENCH_QUICK === '1';

/** bench/vault-scale.ts is the vault helper's standalone script: run it as is and keep what it prints. */
function vaultScale(): BenchSection {
  const file = path.join(ROOT, 'bench/vault-scale.ts');
  if (!existsSync(file))
    return { title: 'Vault scale', rows: [], notes: ['bench/vault-scale.ts is not present'] };
  const r = spawnSync(process.execPath, ['--import', 'tsx', file], {
    cwd: ROOT,
    encoding: 'utf8',
    timeout: 6 * 60_000,
    env: { ...process.env, ...(quick ? { CERTDESK_BENCH_QUICK: '1' } : {}) },
  });
  const text = `${r.stdout}`.trim();
  const status = r.error
    ? `did not finish: ${r.error.message}`
    : r.status === 0
      ? 'completed'
      : `exited ${r.status ?? 'by signal'}: ${r.stderr.trim().split('\n').slice(-3).join(' / ')}`;
  return {
    title: 'Vault scale (bench/vault-scale.ts, verbatim)',
    rows: [],
    notes: [status],
    raw: text,
  };
}

async function section(name: string, fn: () => Promise<BenchSection> | BenchSection): Promise<BenchSection> {
  const t = performance.now();
  process.stderr.write(`bench: ${name}…\n`);
  try {
    const s = await fn();
    s.notes.push(`(section took ${((performance.now() - t) / 1000).toFixed(0)} s)`);
    return s;
  } catch (e) {
    return { title: name, rows: [], notes: [`failed: ${e instanceof Error ? e.message : String(e)}`] };
  }
}

const started = new Date();
const host = machine();
const sections: BenchSection[] = [];
sections.push(
  await section('Issuance throughput', async () =>
    (await import('./issuance')).run(quick ? { ecCount: 200, rsaCount: 6 } : {}),
  ),
);
sections.push(
  await section('Certificate reading', async () =>
    (await import('./cert-reader')).run(quick ? { count: 500 } : {}),
  ),
);
sections.push(
  await section('CRL reading', async () =>
    (await import('./crl-reader')).run(quick ? { sizes: [10, 1_000] } : {}),
  ),
);
sections.push(
  await section('Event-loop responsiveness', async () =>
    (await import('./event-loop')).run(quick ? { count: 200 } : {}),
  ),
);
sections.push(
  await section('PKCS#12 reading and the event loop', async () => (await import('./hostile-p12')).run()),
);
sections.push(await section('Vault scale', () => vaultScale()));
sections.push(
  await section('Service unlock', async () =>
    (await import('./service-unlock')).run(quick ? { counts: [3_000] } : {}),
  ),
);
sections.push(
  await section('UI scale', async () => (await import('./ui-scale')).run(quick ? { count: 1000 } : {})),
);

const report = [
  '# CertDesk benchmarks',
  '',
  `Made by \`npm run bench\` (\`tsx bench/run-all.ts\`${quick ? ', CERTDESK_BENCH_QUICK=1' : ''}) on ${started.toISOString()}, ${((Date.now() - started.getTime()) / 1000).toFixed(0)} s in all.`,
  'Every figure is compared with a ceiling or peer measured in the same run. Benchmarks are not part of pass/fail.',
  'Earlier runs and the before/after records of each change: [HISTORY.md](HISTORY.md) (never rewritten by this script).',
  '',
  '## Machine',
  '',
  ...Object.entries(host).map(([k, v]) => `- ${k}: ${v}`),
  `- load average at end: ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' ')}`,
  '',
  ...sections.map(renderSection),
].join('\n');
console.log(report);
writeFileSync(path.join(ROOT, 'bench/RESULTS.md'), `${report}\n`);
process.exit(0);
