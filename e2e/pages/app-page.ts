import { expect, type Locator, type Page } from '@playwright/test';

/** Locators for the shell, vault gate and navigation, by role and accessible name. */
/** Every main screen, as the side navigation names them. */
export const MAIN_SCREENS = [
  'Dashboard',
  'Certificates',
  'Issue',
  'Batch',
  'Authorities',
  'Inspect',
  'mTLS check',
  'Audit log',
  'Settings',
] as const;

export class AppPage {
  constructor(readonly page: Page) {}

  ready(): Locator {
    return this.page.locator('[data-app-state="ready"]');
  }
  nav(): Locator {
    return this.page.getByRole('navigation', { name: 'Main' });
  }
  navButton(name: string): Locator {
    return this.nav().getByRole('button', { name, exact: true });
  }
  async go(name: string): Promise<void> {
    await this.navButton(name).click();
  }
  lockButton(): Locator {
    return this.page.getByRole('banner').getByRole('button', { name: 'Lock' });
  }
  vaultState(): Locator {
    return this.page.getByRole('status', { name: 'Vault state' });
  }
  gateHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Create or open a vault' });
  }
  unlockHeading(): Locator {
    return this.page.getByRole('heading', { name: 'Unlock vault' });
  }
  createForm(): Locator {
    return this.page.getByRole('form', { name: 'Create a new vault' });
  }
  unlockForm(): Locator {
    return this.page.getByRole('form', { name: 'Unlock vault' });
  }
  toast(text: string | RegExp): Locator {
    return this.page.getByLabel('Notifications').getByText(text);
  }

  async createVault(passphrase: string, repeat = passphrase): Promise<void> {
    const form = this.createForm();
    await form.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await form.getByLabel('Repeat passphrase').fill(repeat);
    await form.getByRole('button', { name: 'Create vault' }).click();
  }

  async unlock(passphrase: string): Promise<void> {
    const form = this.unlockForm();
    await form.getByLabel('Passphrase').fill(passphrase);
    await form.getByRole('button', { name: 'Unlock' }).click();
  }

  async expectUnlocked(): Promise<void> {
    await expect(this.nav()).toBeVisible();
    await expect(this.vaultState()).toHaveText('Vault: Unlocked');
  }
}
