import type { Locator, Page } from '@playwright/test';

/** Locators for the tamper-evidence states: audit chain breaks, damaged and rolled-back vaults. */
export class EvidencePage {
  constructor(readonly page: Page) {}
  /** the Audit page's banner for one unacknowledged break */
  breakBanner(): Locator {
    return this.page.getByRole('region', { name: 'The audit chain is broken' });
  }
  acknowledge(): Locator {
    return this.breakBanner().getByRole('button', { name: 'Acknowledge…' });
  }
  /** the dashboard's pointer to the Audit page */
  breakWarning(): Locator {
    return this.page.getByRole('region', { name: 'Audit log needs review' });
  }
  reviewBreak(): Locator {
    return this.breakWarning().getByRole('button', { name: 'Review in the audit log' });
  }
  damagedNotice(): Locator {
    return this.page.getByRole('region', { name: 'The vault file is damaged' });
  }
  rollbackNotice(): Locator {
    return this.page.getByRole('region', { name: 'This vault is an older copy' });
  }
  readOnlyBanner(): Locator {
    return this.page.getByRole('region', { name: 'Read-only' });
  }
  /** types the passphrase and presses one of the unlock form's buttons ("Open read-only", "Repair…", …) */
  async unlockWith(passphrase: string, button: string): Promise<void> {
    const form = this.page.getByRole('form', { name: 'Unlock vault' });
    await form.getByLabel('Passphrase').fill(passphrase);
    await form.getByRole('button', { name: button, exact: true }).click();
  }
}
