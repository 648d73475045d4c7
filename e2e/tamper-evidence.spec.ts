import { expect, test, type Page } from '@playwright/test';
import { readdirSync, readFileSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { launchApp } from './harness';
import { AppPage } from './pages/app-page';
import { AuditPage, SettingsPage } from './pages/audit-settings-page';
import { seriousViolations } from './pages/axe';
import { createRootCa, issueLeaf, type PageGlobal } from './pages/bridge-setup';
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

/** A new vault holding one root CA (and a leaf under it when `leafCn` is given), then locked. */
async function lockedVault(
  page: Page,
  ui: AppPage,
  caName: string,
  leafCn?: string,
): Promise<{ vaultPath: string; caId: string }> {
  await expect(ui.ready()).toBeVisible();
  await ui.createVault(PASS);
  await ui.expectUnlocked();
  const ca = await createRootCa(page, caName);
  if (leafCn) await issueLeaf(page, { caId: ca.id, cn: leafCn, days: 90 });
  const vaultPath = (await ui.vaultState().getAttribute('title')) ?? '';
  await ui.lockButton().click();
  await expect(ui.unlockHeading()).toBeVisible();
  return { vaultPath, caId: ca.id };
}

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
    const { vaultPath } = await lockedVault(page, ui, 'Evidence Root CA', 'evidence-svc');

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

test('a vault cut short opens read-only on request (browse yes, changes refused), then repairs on confirmation keeping the damaged file', async () => {
  test.setTimeout(180_000);
  const app = await launchApp({ dialogs: { confirm } });
  try {
    const { page } = app;
    const ui = new AppPage(page);
    const evidence = new EvidencePage(page);
    const { vaultPath, caId } = await lockedVault(page, ui, 'Damage Root CA', 'intact-svc');
    // The last acknowledged write loses its final byte (a bad copy, a disk that lied about fsync).
    truncateSync(vaultPath, statSync(vaultPath).size - 1);
    const damaged = readFileSync(vaultPath);

    await ui.unlock(PASS);
    await expect(evidence.damagedNotice()).toContainText('acknowledged record frame is missing');
    await expect(ui.unlockForm().getByRole('button', { name: 'Open read-only' })).toBeVisible();
    await expect(ui.unlockForm().getByRole('button', { name: 'Repair…' })).toBeVisible();
    const found = await shots(page, 'vault-damaged');
    expect(confirmations).toEqual([]);

    await evidence.unlockWith(PASS, 'Open read-only');
    await ui.expectUnlocked();
    await expect(evidence.readOnlyBanner()).toContainText('damaged');
    await ui.go('Certificates');
    await expect(page.getByRole('main').getByText('intact-svc').first()).toBeVisible();
    // Every control that would change the vault is disabled and says why; browsing and export stay.
    const main = page.getByRole('main');
    const expectWriteDisabled = async (name: string): Promise<void> => {
      const button = main.getByRole('button', { name, exact: true });
      await expect(button, name).toBeDisabled();
      await expect(button, name).toHaveAccessibleDescription(/^Vault is read-only/);
    };
    await expectWriteDisabled('Issue certificate');
    await expectWriteDisabled('Track certificates…');
    found.push(...(await shots(page, 'vault-read-only')));
    // The Ctrl+N shortcut does not open the Issue form either: it says why, and the page stays.
    await page.keyboard.press('Control+N');
    const notifications = page.getByRole('region', { name: 'Notifications' }).getByRole('status');
    await expect(notifications).toContainText(
      'Vault is read-only: lock it to repair or restore before changing anything',
    );
    await expect(page.getByRole('heading', { name: 'Certificates', level: 2 })).toBeVisible();
    await expect(page.getByRole('heading', { name: 'Issue certificate', level: 2 })).toHaveCount(0);
    found.push(...(await shots(page, 'vault-read-only-shortcut')));
    await main.getByRole('button', { name: 'intact-svc' }).first().click();
    await expect(main.getByRole('heading', { name: 'intact-svc', level: 2 })).toBeVisible();
    await expectWriteDisabled('Renew');
    await expectWriteDisabled('Revoke…');
    await expect(main.getByRole('button', { name: 'Export…' })).toBeEnabled();
    found.push(...(await shots(page, 'vault-read-only-inspector')));
    await ui.go('Authorities');
    for (const name of ['Create root CA…', 'Create intermediate CA…', 'Import CA…', 'Import trust anchor…'])
      await expectWriteDisabled(name);
    await expect(main.getByRole('button', { name: 'Export trust bundle…' })).toBeEnabled();
    await ui.go('Settings');
    await expectWriteDisabled('Save settings');
    // Every change is refused by main while read-only; the file is untouched.
    const refused = await page.evaluate(async (caId) => {
      const r = await (globalThis as unknown as PageGlobal).certdesk.certs.issue({
        caId,
        profile: 'server',
        subject: { cn: 'not-now' },
        sans: [{ type: 'dns', value: 'not-now' }],
      });
      return r.ok ? 'issued' : r.error.code;
    }, caId);
    expect(refused).toBe('VAULT_DAMAGED');
    expect(readFileSync(vaultPath)).toEqual(damaged);

    await evidence.readOnlyBanner().getByRole('button', { name: 'Lock to repair or restore…' }).click();
    await expect(evidence.damagedNotice()).toBeVisible();
    await evidence.unlockWith(PASS, 'Repair…');
    await ui.expectUnlocked();
    expect(confirmations.at(-1)).toMatch(/^Repair the damaged vault /);
    await expect(evidence.readOnlyBanner()).toHaveCount(0);
    await ui.go('Settings');
    await expect(new SettingsPage(page).save()).toBeEnabled();
    const kept = readdirSync(path.dirname(vaultPath)).filter((n) => /\.damaged-[0-9a-f]{8}\.bak$/.test(n));
    expect(kept).toHaveLength(1);
    expect(readFileSync(path.join(path.dirname(vaultPath), kept[0]!))).toEqual(damaged);
    await issueLeaf(page, { caId, cn: 'after-repair', days: 90 });
    await ui.go('Audit log');
    await expect(new AuditPage(page).rows().filter({ hasText: 'vault.repair' })).toContainText('dropped 1');
    expect(found).toEqual([]);
  } finally {
    await app.close();
  }
});

test('an older copy put back over the vault is explained on the gate and opens only when the operator accepts it in main', async () => {
  test.setTimeout(180_000);
  const app = await launchApp({ dialogs: { confirm } });
  try {
    const { page } = app;
    const ui = new AppPage(page);
    const evidence = new EvidencePage(page);
    const { vaultPath, caId } = await lockedVault(page, ui, 'Rollback Root CA');
    const older = readFileSync(vaultPath);
    await ui.unlock(PASS);
    await ui.expectUnlocked();
    await issueLeaf(page, { caId, cn: 'newer-svc', days: 90 });
    await ui.lockButton().click();
    await expect(ui.unlockHeading()).toBeVisible();
    writeFileSync(vaultPath, older);

    await ui.unlock(PASS);
    await expect(evidence.rollbackNotice()).toContainText(
      'older than the one last opened on this workstation',
    );
    await expect(evidence.rollbackNotice()).toContainText('undoes everything');
    // Both dates in the one local format (exact instant on hover), not as raw ISO.
    await expect(evidence.rollbackNotice()).toContainText('This file was last written');
    await expect(evidence.rollbackNotice()).not.toContainText(/\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(confirmations).toEqual([]);
    const found = await shots(page, 'vault-rolled-back');

    answer = false;
    await evidence.unlockWith(PASS, 'Accept this older copy…');
    await expect.poll(() => confirmations.length).toBe(1);
    expect(confirmations[0]).toMatch(/older than the one last opened/);
    await expect(ui.unlockForm().getByRole('alert')).toContainText('Not opened');
    await expect(ui.vaultState()).toHaveText('Vault: Locked');

    answer = true;
    await evidence.unlockWith(PASS, 'Accept this older copy…');
    await ui.expectUnlocked();
    await ui.go('Audit log');
    await expect(new AuditPage(page).rows().filter({ hasText: 'vault.rollbackAccepted' })).toHaveCount(1);
    expect(found).toEqual([]);
  } finally {
    await app.close();
  }
});
