import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { readdirSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchApp } from './harness';
import { AppPage } from './pages/app-page';
import { RecoveryPage } from './pages/recovery-page';
import { saveScreenshot } from './screenshots';

const PASS = 'correct horse battery staple';

/** Serious or critical axe findings inside one dialog. */
async function axeFindings(page: Page, dialogName: string): Promise<string[]> {
  const result = await new AxeBuilder({ page })
    .include(`[role="dialog"][aria-label="${dialogName}"], [role="dialog"]`)
    .analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}
const NEXT = 'passphrase set by recovery';

test('creates shares in Settings after main confirms, prints them, and recovers the vault from the unlock screen', async () => {
  const confirmations: string[] = [];
  const folder = mkdtempSync(path.join(tmpdir(), 'certdesk-shares-'));
  const app = await launchApp({
    dialogs: {
      chooseFolder: () => folder,
      confirm: (message) => {
        confirmations.push(message);
        return true;
      },
    },
  });
  try {
    const { page } = app;
    const ui = new AppPage(page);
    const rec = new RecoveryPage(page);
    await expect(ui.ready()).toBeVisible();
    await ui.createVault(PASS);
    await ui.expectUnlocked();
    await ui.go('Settings');
    await expect(rec.panel()).toContainText('No recovery shares');
    await rec.field('Shares made (N)').fill('3');
    await rec.field('Shares needed (M)').fill('2');
    await rec.chooseFolder().click();
    await expect(rec.panel()).toContainText(folder);
    await rec.create().click();

    await expect(rec.printView()).toBeVisible();
    expect(confirmations).toEqual(['Create 3 recovery shares for this vault, any 2 of which open it?']);
    await expect(rec.sheet(1, 3)).toContainText('any 2 open the vault');
    await expect(rec.sheet(3, 3).getByRole('img', { name: 'QR code of share 3' })).toBeVisible();
    expect(readdirSync(folder).sort()).toEqual([
      'share-1-of-3.html',
      'share-1-of-3.txt',
      'share-2-of-3.html',
      'share-2-of-3.txt',
      'share-3-of-3.html',
      'share-3-of-3.txt',
    ]);
    const groups = async (i: number): Promise<string> =>
      (await rec.sheetText(i).locator('.share-group > span').allTextContents()).join(' ');
    const share1 = await groups(1);
    const share3 = await groups(3);
    expect(share1.split(' ')).toHaveLength(23);
    expect(await axeFindings(page, 'Recovery share sheets')).toEqual([]);
    await saveScreenshot(page, 'recovery-print-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    await saveScreenshot(page, 'recovery-print-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await rec.printView().getByRole('button', { name: 'Done — I have printed them' }).click();
    await expect(rec.fingerprints()).toHaveCount(3);

    // Custodians practise: one share is not enough, two pass, nothing changes, the drill is audited.
    await rec.panel().getByRole('button', { name: 'Practise a recovery…' }).click();
    const drill = page.getByRole('dialog', { name: 'Practise a recovery' });
    await drill.getByRole('textbox', { name: 'Shares', exact: true }).fill(share3);
    await drill.getByRole('button', { name: 'Run the drill' }).click();
    await expect(drill).toContainText('2 of the 3 shares are needed; got 1');
    await drill.getByRole('textbox', { name: 'Shares', exact: true }).fill(`${share3}\n\n${share1}`);
    await drill.getByRole('button', { name: 'Run the drill' }).click();
    await expect(drill.getByRole('status')).toContainText('Passed: shares 1, 3 rebuild the recovery key');
    expect(await axeFindings(page, 'Practise a recovery')).toEqual([]);
    await saveScreenshot(page, 'recovery-drill-light');
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeFindings(page, 'Practise a recovery')).toEqual([]);
    await saveScreenshot(page, 'recovery-drill-dark');
    await page.emulateMedia({ colorScheme: 'light' });
    await drill.getByRole('button', { name: 'Close', exact: true }).click();
    await ui.go('Audit log');
    // the refused attempt and the passed one
    await expect(page.getByRole('row', { name: /recovery\.drill/ })).toHaveCount(2);
    await ui.go('Settings');

    await ui.lockButton().click();
    await expect(ui.unlockHeading()).toBeVisible();
    await rec.recoverButton().click();
    const dialog = rec.recoverDialog();
    await expect(dialog).toContainText('any 2 of its 3 shares');
    await dialog.getByRole('textbox', { name: 'Shares', exact: true }).fill(share1);
    await dialog.getByLabel('New passphrase', { exact: true }).fill(NEXT);
    // the same strength rule as creating a vault, so a custodian-run recovery does not pick a weak one
    await expect(dialog.getByRole('meter', { name: 'Passphrase strength' })).toBeVisible();
    await dialog.getByLabel('Repeat new passphrase').fill(NEXT);
    await dialog.getByRole('button', { name: 'Recover and set passphrase' }).click();
    await expect(dialog).toContainText('2 of the 3 shares are needed; got 1');
    expect(await axeFindings(page, 'Recover with shares')).toEqual([]);
    await saveScreenshot(page, 'recovery-unlock-light');

    await dialog.getByRole('textbox', { name: 'Shares', exact: true }).fill(`${share1}\n\n${share3}`);
    await dialog.getByLabel('New passphrase', { exact: true }).fill(NEXT);
    await dialog.getByLabel('Repeat new passphrase').fill(NEXT);
    await dialog.getByRole('button', { name: 'Recover and set passphrase' }).click();
    await ui.expectUnlocked();
    await ui.lockButton().click();
    await ui.unlock(NEXT);
    await ui.expectUnlocked();
  } finally {
    await app.close();
  }
});
