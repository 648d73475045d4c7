/** Locators and flows of the Certificate authorities screen. */
import { expect, type Locator, type Page } from '@playwright/test';
import { goTo } from './issuance-app';

export class CaScreen {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Certificate authorities', level: 2 });
  }
  get table(): Locator {
    return this.page.getByRole('table', { name: 'Certificate authorities' });
  }
  row(cn: string): Locator {
    return this.table
      .getByRole('row')
      .filter({ has: this.page.getByRole('button', { name: cn, exact: true }) });
  }
  get crlPanel(): Locator {
    return this.page.getByRole('region', { name: 'Certificate revocation list' });
  }

  async open(): Promise<void> {
    await goTo(this.page, 'Authorities');
    await expect(this.heading).toBeVisible();
  }

  async createRoot(
    cn: string,
    options: { o?: string; pathLen?: string; permittedDns?: string } = {},
  ): Promise<void> {
    await this.page.getByRole('button', { name: 'Create root CA' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: 'Create root CA' });
    await dialog.getByRole('textbox', { name: 'Common name (CN)' }).fill(cn);
    if (options.o) await dialog.getByRole('textbox', { name: 'Organization (O)' }).fill(options.o);
    if (options.pathLen !== undefined)
      await dialog.getByRole('textbox', { name: 'Path length' }).fill(options.pathLen);
    if (options.permittedDns) {
      await dialog.getByText('Name constraints (optional)').click();
      await dialog.getByRole('textbox', { name: 'Permitted DNS names' }).fill(options.permittedDns);
    }
    await dialog.getByRole('button', { name: 'Create root CA' }).click();
    await expect(dialog).toBeHidden({ timeout: 30_000 });
    await expect(this.row(cn)).toBeVisible();
  }

  async createIntermediate(cn: string, parentCn: string, validityDays?: string): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Create intermediate CA' }).first().click();
    const dialog = this.page.getByRole('dialog', { name: 'Create intermediate CA' });
    await dialog.getByRole('combobox', { name: 'Issuing CA' }).selectOption({ label: parentCn });
    await dialog.getByRole('textbox', { name: 'Common name (CN)' }).fill(cn);
    if (validityDays) await dialog.getByRole('textbox', { name: 'Validity (days)' }).fill(validityDays);
    await dialog.getByRole('button', { name: 'Create intermediate CA' }).click();
    return dialog;
  }

  async select(cn: string): Promise<void> {
    await this.table.getByRole('button', { name: cn, exact: true }).click();
    await expect(this.page.getByRole('heading', { name: cn, level: 3 })).toBeVisible();
  }

  async generateCrl(days = '7'): Promise<void> {
    await this.crlPanel.getByRole('textbox', { name: 'Next update in (days)' }).fill(days);
    await this.crlPanel.getByRole('button', { name: 'Generate CRL' }).click();
  }
}
