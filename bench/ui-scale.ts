/**
 * UI scale: a vault of 100,000 certificates (CERTDESK_BENCH_COUNT to change it) opened through e2e/harness.ts `launchApp` (the built
 * renderer in Debian Chromium, the real service in the test process). Time from pressing Unlock to an
 * interactive dashboard (status counts rendered from main's dashboard:summary; the certificate list follows
 * it), and from one keystroke in the certificate search to the
 * updated result count (timed in the page: keydown → DOM mutation). The measuring runs under Playwright
 * (bench/ui-scale.pw.ts, see bench/playwright.config.ts for why); this module spawns it and formats the
 * figures. Needs `npm run build` first. Run alone with `tsx bench/ui-scale.ts`.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { check, ms, percentile, renderSection, scratchDir, type BenchSection } from './lib';
import type { UiScaleRaw } from './ui-scale.pw';

const ROOT = fileURLToPath(new URL('../', import.meta.url));

export function run(opts: { count?: number } = {}): Promise<BenchSection> {
  const n = opts.count ?? (Number(process.env.CERTDESK_BENCH_COUNT) || 100_000);
  const title = `UI scale (${n.toLocaleString('en')} certificates, launchApp + Chromium)`;
  if (!existsSync(path.join(ROOT, 'dist/renderer/index.html'))) {
    return Promise.resolve({
      title,
      rows: [],
      notes: ['skipped: dist/renderer is not built — run `npm run build` first'],
    });
  }
  const s = scratchDir('ui-scale-out');
  const out = path.join(s.dir, 'raw.json');
  try {
    const r = spawnSync(
      process.execPath,
      [
        path.join(ROOT, 'node_modules/@playwright/test/cli.js'),
        'test',
        '--config',
        path.join(ROOT, 'bench/playwright.config.ts'),
      ],
      {
        cwd: ROOT,
        env: {
          ...process.env,
          CERTDESK_BENCH_OUT: out,
          CERTDESK_BENCH_COUNT: String(n),
          // The test collects the vault build's garbage before the app starts, as a real main process starts
          // without it: without this the page's unlock ran about 300 ms slower in a heap of 900 MiB.
          NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ''} --expose-gc`.trim(),
        },
        encoding: 'utf8',
        timeout: 15 * 60_000,
      },
    );
    if (!existsSync(out)) {
      const tail = `${r.stdout}${r.stderr}`.trim().split('\n').slice(-6).join(' / ');
      return Promise.resolve({ title, rows: [], notes: [`failed: ${tail}`] });
    }
    const raw = JSON.parse(readFileSync(out, 'utf8')) as UiScaleRaw;
    const samples = [...raw.keystrokeMs].sort((a, b) => a - b);
    const median = percentile(samples, 50);
    const worst = samples.at(-1) ?? NaN;
    const rowsPerViewport = Math.ceil(raw.viewport.height / (raw.inventory.rowHeight || 40));
    const pageUnlock = raw.serviceUnlockMs + raw.renderMs;
    const serviceUnlock = raw.serviceUnlockMs;
    const mib = (bytes: number): string => (bytes / 2 ** 20).toFixed(0);
    return Promise.resolve({
      title,
      rows: [
        {
          metric: 'unlock → interactive dashboard, KDF excluded',
          value: `${ms(pageUnlock)} ms`,
          versus: 'budget 1,000 ms',
          ratio: `${((pageUnlock / 1000) * 100).toFixed(0)} % of budget`,
          target: `< 1 s ${check(pageUnlock < 1000)}`,
        },
        {
          metric: 'Unlock click → dashboard in the page, less scrypt timed alone',
          value: `${ms(raw.unlockMs - raw.kdfMs)} ms`,
          versus: `click → dashboard ${ms(raw.unlockMs)} ms (→ vault:unlock call ${ms(raw.clickToUnlockCallMs)} ms, → Unlocked ${ms(raw.clickToUnlockedMs)} ms); scrypt N=2^17 alone ${ms(raw.kdfMs)} ms`,
          ratio: `${(((raw.unlockMs - raw.kdfMs) / 1000) * 100).toFixed(0)} % of budget`,
          target: `< 1 s ${check(raw.unlockMs - raw.kdfMs < 1000)}`,
        },
        {
          metric: 'in the page: dashboard:summary answer → dashboard (store, render)',
          value: `${ms(raw.pageDashboardMs)} ms`,
          versus: `Unlocked → dashboard ${ms(raw.renderMs)} ms (includes the summary)`,
          ratio: `${((raw.pageDashboardMs / raw.renderMs) * 100).toFixed(0)} % of it`,
          target: 'reported',
        },
        {
          metric: 'dashboard:summary: service alone / as the page waits for it',
          value: `${ms(raw.serviceSummaryMs)} / ${ms(raw.pageSummaryMs)} ms`,
          versus: `${raw.summaryKiB.toFixed(1)} KiB as JSON`,
          ratio: `${(raw.pageSummaryMs / raw.serviceSummaryMs).toFixed(2)}×`,
          target: 'reported',
        },
        {
          metric: 'certs:list: service alone / as the page waits for it',
          value: `${ms(raw.serviceListMs)} / ${ms(raw.pageListMs)} ms`,
          versus: `harness transport ≈ ${ms(raw.pageListMs - raw.serviceListMs)} ms; in the page ${ms(raw.listAfterDashboardMs)} ms after the dashboard`,
          ratio: `${(raw.pageListMs / raw.serviceListMs).toFixed(2)}×`,
          target: 'reported',
        },
        {
          metric: 'list decoding in the page: JSON.parse (harness) / structuredClone (IPC)',
          value: `${ms(raw.pageJsonParseMs)} / ${ms(raw.pageCloneMs)} ms`,
          versus: `${raw.listMiB.toFixed(1)} MiB as JSON`,
          ratio: `clone ${(raw.pageCloneMs / raw.pageJsonParseMs).toFixed(2)}× parse`,
          target: 'reported',
        },
        {
          metric: 'certs:list / dashboard:summary fetches per unlock',
          value: `${raw.listCalls} / ${raw.summaryCalls}`,
          versus: 'one of each per unlock',
          ratio: `${raw.listCalls}× / ${raw.summaryCalls}×`,
          target: `= 1 / 1 ${check(raw.listCalls === 1 && raw.summaryCalls === 1)}`,
        },
        {
          metric: 'search keystroke → updated list (median / worst)',
          value: `${ms(median)} / ${ms(worst)} ms`,
          versus: 'budget 50 ms',
          ratio: `${((worst / 50) * 100).toFixed(0)} % of budget (worst)`,
          target: `< 50 ms ${check(worst < 50)}`,
        },
        {
          metric: 'first unlock with no kept verdicts: vault:unlock / dashboard:summary',
          value: `${ms(raw.coldUnlockMs)} / ${ms(raw.coldSummaryMs)} ms`,
          versus: `with the verdicts the last session kept: ${ms(serviceUnlock)} / ${ms(raw.serviceSummaryMs)} ms`,
          ratio: `summary ${(raw.coldSummaryMs / raw.serviceSummaryMs).toFixed(1)}× as long`,
          target: 'reported',
        },
        {
          metric: 'vault:unlock in the service, KDF excluded',
          value: `${ms(serviceUnlock)} ms`,
          versus: 'budget 600 ms',
          ratio: `${((serviceUnlock / 600) * 100).toFixed(0)} % of budget`,
          target: `≤ 600 ms ${check(serviceUnlock <= 600)}`,
        },
        {
          metric: 'vault bytes per certificate (record, DER, wrapped key)',
          value: `${Math.round(raw.bytesPerCert)} B`,
          versus: 'budget 800 B',
          ratio: `${((raw.bytesPerCert / 800) * 100).toFixed(0)} % of budget`,
          target: `≤ 800 B ${check(raw.bytesPerCert <= 800)}`,
        },
        {
          metric: 'dashboard height',
          value: `${raw.dashboard.scrollHeight} px`,
          versus: `viewport ${raw.viewport.height} px`,
          ratio: `${(raw.dashboard.scrollHeight / raw.viewport.height).toFixed(2)} viewports`,
          target: `≤ 2 ${check(raw.dashboard.scrollHeight <= 2 * raw.viewport.height)}`,
        },
        {
          metric: 'Certificates list rows in the DOM',
          value: `${raw.inventory.domRows} rows (${raw.inventory.elements} elements on the page)`,
          versus: `${raw.n.toLocaleString('en')} certificates; ${rowsPerViewport} rows fill the viewport`,
          ratio: `${(raw.inventory.domRows / rowsPerViewport).toFixed(2)} viewports of rows`,
          target: `≤ ~2 ${check(raw.inventory.domRows <= 2 * rowsPerViewport + 2)}`,
        },
        {
          metric: 'service process RSS, unlocked',
          value: `${mib(raw.rssAfterUnlock)} MiB`,
          versus: `locked ${mib(raw.rssBeforeUnlock)} MiB (same process)`,
          ratio: `+${mib(raw.rssAfterUnlock - raw.rssBeforeUnlock)} MiB`,
          target: 'reported',
        },
      ],
      notes: [
        `Vault: ${raw.real.toLocaleString('en')} certificates issued with batch:issue in ${ms(raw.buildMs)} ms (${ms(raw.buildMs / raw.real)} ms/cert; bytes per certificate measured on these), the other ${(raw.n - raw.real).toLocaleString('en')} copies of their records with new names, serials, fingerprints and expiries appended through the vault engine (${mib(raw.vaultBytes)} MiB in all), then raised to the shipped KDF (scrypt N=2^17).`,
        `Unlock → dashboard, KDF excluded = vault:unlock in the service under the fast test KDF, reading the verdicts the last session kept (${ms(raw.serviceUnlockMs)} ms) + in the page, the header turning Unlocked → the full Valid count on the dashboard (${ms(raw.renderMs)} ms: the dashboard:summary call and its render; the list is asked for after the summary's answer). As the operator sees it, with scrypt N=2^17 (${ms(raw.kdfMs)} ms alone in this run): Unlock click → dashboard ${ms(raw.unlockMs)} ms.`,
        "Unlock → dashboard is timed in the page: the Unlock click (capture listener) to the first DOM mutation showing the full Valid count. Timing it from the test process instead adds Playwright's locator polling (up to ~0.9 s here).",
        `What the page does and what the harness does, separately: dashboard:summary answer → dashboard (${ms(raw.pageDashboardMs)} ms) is the app's own work on the summary it received; the summary's wait in the page (${ms(raw.pageSummaryMs)} ms) is mostly the service (${ms(raw.serviceSummaryMs)} ms for the first summary after an unlock, timed alone in the test process; ${ms(raw.coldSummaryMs)} ms when no verdicts were kept and every chain is judged). The list's wait (${ms(raw.pageListMs)} ms) is the service (${ms(raw.serviceListMs)} ms for the first list after an unlock) plus e2e/harness.ts's transport: JSON.stringify in the test process, Playwright's binding, JSON.parse in the page. Electron's IPC carries the list by structured clone instead; structuredClone of the same answer in the page took ${ms(raw.pageCloneMs)} ms, JSON.parse of it ${ms(raw.pageJsonParseMs)} ms; the dashboard no longer waits for either.`,
        `Dashboard: ${raw.dashboard.elements} elements, ${raw.dashboard.tableRows} table rows at ${raw.n.toLocaleString('en')} certificates.`,
        'RSS is the Playwright test process, which hosts the real service (main\'s role) under e2e/harness.ts; "locked" is measured after the bench\'s build service was disposed, so it still carries that heap.',
        `Keystroke samples (ms): ${samples.map(ms).join(', ')} — alternately typing "4" after "host-123" and deleting it; keydown to the result count's DOM update, in the page.`,
      ],
    });
  } finally {
    s.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(renderSection(await run()));
}
