import { expect, test, type Page } from '@playwright/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { launchApp } from './harness';
import { AppPage } from './pages/app-page';
import { AuditPage } from './pages/audit-settings-page';
import { seriousViolations } from './pages/axe';
import { createRootCa, issueLeaf } from './pages/bridge-setup';
import { EvidencePage } from './pages/evidence-page';
import { saveScreenshot } from './screenshots';

const PASS = 'correct horse battery staple';

/** main's confirmations, in order; each answered by `answer` (default yes) */
let confirmations: string[] = [];
let answer = true;
test.beforeEach(() => {
  confirmations = [];
  answer = true;
});
const confirm = (message: string): boolean => {
  confirmations.push(message);
  return answer;
};

async function shots(page: Page, name: string): Promise<string[]> {
  const found: string[] = [];
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(page, `${name}-${scheme}`);
    for (const v of await seriousViolations(page, scheme)) found.push(`${name} ${scheme}: ${v}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  return found;
}

test('a line cut from the audit log is shown as a break on the dashboard and the Audit page until the operator acknowledges it', async () => {
  test.setTimeout(180_000);
  const app = await launchApp({ dialogs: { confirm } });
  try {
    const { page } = app;
    const ui = new AppPage(page);
    const evidence = new EvidencePage(page);
    const audit = new AuditPage(page);
    await expect(ui.ready()).toBeVisible();
    await ui.createVault(PASS);
    await ui.expectUnlocked();
    const ca = await createRootCa(page, 'Evidence Root CA');
    await issueLeaf(page, { caId: ca.id, cn: 'evidence-svc', days: 90 });
    const vaultPath = (await ui.vaultState().getAttribute('title')) ?? '';
    await ui.lockButton().click();
    await expect(ui.unlockHeading()).toBeVisible();

    // Someone with write access to the disk removes the newest audit record.
    const logPath = `${vaultPath}.audit.jsonl`;
    const lines = readFileSync(logPath, 'utf8').trimEnd().split('\n');
    writeFileSync(logPath, `${lines.slice(0, -1).join('\n')}\n`);

    await ui.unlock(PASS);
    await ui.expectUnlocked();
    await expect(evidence.breakWarning()).toBeVisible();
    const found = await shots(page, 'audit-break-dashboard');
    await evidence.reviewBreak().click();
    await expect(audit.heading()).toBeVisible();
    await expect(evidence.breakBanner()).toContainText('entries were removed from the end');
    await expect(evidence.breakBanner()).toContainText(`Entries up to #${lines.length - 1} still verify`);
    await expect(evidence.breakBanner()).toContainText('.audit.jsonl.broken-');
    found.push(...(await shots(page, 'audit-break-banner')));

    // Declining main's question changes nothing.
    answer = false;
    await evidence.acknowledge().click();
    await expect.poll(() => confirmations.length).toBe(1);
    await expect(evidence.breakBanner()).toBeVisible();
    expect(confirmations[0]).toMatch(/^Acknowledge the audit chain break found /);

    answer = true;
    await evidence.acknowledge().click();
    await expect(evidence.breakBanner()).toHaveCount(0);
    await expect(audit.rows().filter({ hasText: 'audit.acknowledge' })).toHaveCount(1);
    expect(readFileSync(logPath, 'utf8')).toContain('"operation":"audit.acknowledge"');
    await ui.go('Dashboard');
    await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
    await expect(evidence.breakWarning()).toHaveCount(0);
    expect(found).toEqual([]);
  } finally {
    await app.close();
  }
});
