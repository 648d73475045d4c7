/** Getting the app to an unlocked vault, and the side navigation, for the issuance/CA/export specs. */
import { expect, type Page } from '@playwright/test';

export const VAULT_PASSPHRASE = 'correct horse battery staple';

export async function createVaultThroughUi(page: Page): Promise<void> {
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  const form = page.getByRole('form', { name: 'Create a new vault' });
  await form.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(VAULT_PASSPHRASE);
  await form.getByRole('textbox', { name: 'Repeat passphrase' }).fill(VAULT_PASSPHRASE);
  await form.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.locator('[data-vault-state="unlocked"]')).toBeVisible({ timeout: 30_000 });
}

export type NavTarget = 'Dashboard' | 'Certificates' | 'Issue' | 'Authorities' | 'Inspect' | 'mTLS check' | 'Audit log' | 'Settings';

export async function goTo(page: Page, target: NavTarget): Promise<void> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('button', { name: target, exact: true }).click();
}
