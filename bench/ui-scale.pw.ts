/**
 * The measuring half of bench/ui-scale.ts, run by Playwright (see bench/playwright.config.ts): builds a vault
 * of N certificates with batch:issue, opens it through e2e/harness.ts `launchApp`, and writes the raw timings
 * as JSON to $CERTDESK_BENCH_OUT. In-page code is passed as text: bench/ compiles without the DOM lib.
 */
import { test } from '@playwright/test';
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { AppPage } from '../e2e/pages/app-page';
import { DashboardPage } from '../e2e/pages/dashboard-page';
import { InventoryPage } from '../e2e/pages/inventory-page';
import { createCertDeskService } from '../electron/service';
import { createDispatcher } from '../electron/service/dispatch';
import type { BatchResult, IssueResult } from '../shared/domain/types';
import { AppError } from '../shared/ipc/error-codes';
import { scratchDir, timeIt } from './lib';

/** e2e/harness.ts is typed against the DOM lib; its stable contract (architecture.md) is restated here. */
type LaunchApp = (options?: {
  vaultPath?: string;
  now?: Date;
}) => Promise<{ page: Page; close(): Promise<void> }>;
const HARNESS = '../e2e/harness';
const PASS = 'bench passphrase 1234';
const RENDERER = fileURLToPath(new URL('../dist/renderer/index.html', import.meta.url));

export interface UiScaleRaw {
  n: number;
  buildMs: number;
  unlockMs: number;
  keystrokeMs: number[];
}

/** Fills a vault with `n` leaves under one CA through batch:issue (the fast path), then releases it. */
async function buildVault(vaultPath: string, n: number): Promise<number> {
  const service = createCertDeskService({
    now: () => new Date(),
    defaultVaultPath: vaultPath,
    appVersion: 'bench',
    platform: process.platform,
    kdf: { N: 2 ** 10, r: 8, p: 1 }, // benches measure issuance, not the KDF
  });
  const dispatch = createDispatcher({
    ...service.handlers,
    'dialog:openFile': () => Promise.reject(new AppError('NOT_SUPPORTED', 'bench')),
    'dialog:chooseFolder': () => Promise.reject(new AppError('NOT_SUPPORTED', 'bench')),
  });
  const call = async (channel: Parameters<typeof dispatch>[0], input: unknown): Promise<unknown> => {
    const r = await dispatch(channel, input);
    if (!r.ok) throw new Error(`${String(channel)}: ${String(r.error.message)}`);
    return r.value;
  };
  try {
    await call('vault:create', { passphrase: PASS });
    const ca = (await call('ca:create', { subject: { cn: 'scale-ca' } })) as IssueResult;
    const rows = Array.from(
      { length: n },
      (_, i) => `host-${i},server,DNS:host-${i}.example,ec-p256,${30 + (i % 700)}`,
    );
    const t = await timeIt(() =>
      call('batch:issue', {
        caId: ca.summary.id,
        manifest: ['name,profile,sans,key,days', ...rows].join('\n'),
        batchId: 'scale',
      }),
    );
    const r = t.value as BatchResult;
    if (r.issued !== n) throw new Error(`only ${r.issued} of ${n} issued`);
    return t.ms;
  } finally {
    await service.dispose();
  }
}

test('ui scale', async () => {
  const out = process.env.CERTDESK_BENCH_OUT;
  const n = Number(process.env.CERTDESK_BENCH_COUNT ?? 10_000);
  if (!out) throw new Error('CERTDESK_BENCH_OUT is not set: run through bench/ui-scale.ts');
  if (!existsSync(RENDERER)) throw new Error('dist/renderer is not built: run `npm run build` first');
  const s = scratchDir('ui-scale');
  const vaultPath = path.join(s.dir, 'scale.certdesk');
  try {
    const buildMs = await buildVault(vaultPath, n);
    const { launchApp } = (await import(HARNESS)) as { launchApp: LaunchApp };
    const app = await launchApp({ vaultPath });
    try {
      const { page } = app;
      const shell = new AppPage(page);
      await shell.unlockForm().waitFor({ timeout: 60_000 });
      await shell.unlockForm().getByLabel('Passphrase').fill(PASS);
      // Timed in the page (click → first DOM mutation showing the full count), so Playwright's polling
      // interval does not inflate the figure.
      await page.evaluate(`(() => {
        const g = globalThis;
        g.__unlockStart = 0; g.__dashboardReady = 0;
        document.addEventListener('click', () => { if (!g.__unlockStart) g.__unlockStart = performance.now(); }, { capture: true });
        new MutationObserver(() => {
          if (g.__dashboardReady) return;
          const el = document.querySelector('[aria-label^="Valid: "]');
          if (el && /^Valid: [1-9]\\d{3,}$/.test(el.getAttribute('aria-label') || '')) g.__dashboardReady = performance.now();
        }).observe(document.body, { subtree: true, childList: true, attributes: true });
      })()`);
      await shell.unlockForm().getByRole('button', { name: 'Unlock' }).click();
      await new DashboardPage(page).count('Valid').waitFor({ timeout: 120_000 });
      await page.getByRole('button', { name: /^Valid: [1-9]\d{3,}$/ }).waitFor({ timeout: 120_000 });
      const unlockMs = await page.evaluate<number>(
        '(() => globalThis.__dashboardReady - globalThis.__unlockStart)()',
      );

      await shell.go('Certificates');
      const inv = new InventoryPage(page);
      await inv.count().waitFor({ timeout: 60_000 });
      await inv.search().fill('host-123');
      await page.waitForTimeout(500);
      // keydown → the result count's text changes: filter + render, timed inside the page.
      await page.evaluate(() => {
        type Observer = new (cb: () => void) => { observe(n: unknown, o: object): void };
        type Doc = {
          querySelector(q: string): unknown;
          addEventListener(t: string, f: () => void, o: object): void;
        };
        const g = globalThis as unknown as {
          __kd: number;
          __mut: number;
          MutationObserver: Observer;
          document: Doc;
        };
        const count = g.document.querySelector('[aria-label="Result count"]');
        g.document.addEventListener('keydown', () => (g.__kd = performance.now()), { capture: true });
        if (count)
          new g.MutationObserver(() => (g.__mut = performance.now())).observe(count, {
            subtree: true,
            childList: true,
            characterData: true,
          });
      });
      const keystrokeMs: number[] = [];
      for (let i = 0; i < 6; i++) {
        const before = (await inv.count().textContent()) ?? '';
        await inv.search().press(i % 2 === 0 ? '4' : 'Backspace');
        const escaped = before.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
        await inv
          .count()
          .filter({ hasNotText: new RegExp(`^${escaped}$`) })
          .waitFor({ timeout: 30_000 });
        keystrokeMs.push(
          await page.evaluate(() => {
            const g = globalThis as unknown as { __kd: number; __mut: number };
            return g.__mut - g.__kd;
          }),
        );
        await page.waitForTimeout(200);
      }
      const raw: UiScaleRaw = { n, buildMs, unlockMs, keystrokeMs };
      writeFileSync(out, JSON.stringify(raw));
    } finally {
      await app.close();
    }
  } finally {
    s.remove();
  }
});
