/** Getting the app to an unlocked vault, and the side navigation, for the issuance/CA/export specs. */
import { expect, type Page } from '@playwright/test';
import { saveScreenshot } from '../screenshots';

export const VAULT_PASSPHRASE = 'correct horse battery staple';

export async function createVaultThroughUi(page: Page): Promise<void> {
  await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
  const form = page.getByRole('form', { name: 'Create a new vault' });
  await form.getByRole('textbox', { name: 'Passphrase', exact: true }).fill(VAULT_PASSPHRASE);
  await form.getByRole('textbox', { name: 'Repeat passphrase' }).fill(VAULT_PASSPHRASE);
  await form.getByRole('button', { name: 'Create vault' }).click();
  await expect(page.locator('[data-vault-state="unlocked"]')).toBeVisible({ timeout: 30_000 });
}

export type NavTarget =
  | 'Dashboard'
  | 'Certificates'
  | 'Issue'
  | 'Authorities'
  | 'Inspect'
  | 'mTLS check'
  | 'Audit log'
  | 'Settings';

export async function goTo(page: Page, target: NavTarget): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('button', { name: target, exact: true })
    .click();
}

/**
 * Light and dark screenshots (the app follows the OS). Toasts are dismissed first so they do not cover
 * the screen being recorded.
 */
export async function shootBoth(page: Page, name: string): Promise<void> {
  const dismiss = page.getByRole('button', { name: 'Dismiss notification' });
  // A toast may time out between the count and the click: never wait long for one.
  while ((await dismiss.count()) > 0)
    await dismiss
      .first()
      .click({ timeout: 1000 })
      .catch(() => undefined);
  await saveScreenshot(page, `${name}-light`);
  await page.emulateMedia({ colorScheme: 'dark' });
  await saveScreenshot(page, `${name}-dark`);
  await page.emulateMedia({ colorScheme: 'light' });
}
