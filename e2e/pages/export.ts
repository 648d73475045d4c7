/** Locators and flows of the export dialog and the mTLS handshake check screen. */
import { expect, type Locator, type Page } from '@playwright/test';
import { goTo } from './issuance-app';

export class ExportDialogModel {
  constructor(
    readonly page: Page,
    readonly cn: string,
  ) {}

  get dialog(): Locator {
    return this.page.getByRole('dialog', { name: `Export ${this.cn}` });
  }
  get finished(): Locator {
    return this.page.getByRole('dialog', { name: 'Export finished' });
  }
  get folder(): Locator {
    return this.dialog.getByRole('textbox', { name: 'Target folder' });
  }
  get chooseFolderButton(): Locator {
    return this.dialog.getByRole('button', { name: 'Choose target folder…', exact: true });
  }
  get passphrase(): Locator {
    return this.dialog.getByLabel('Export passphrase', { exact: true });
  }
  get passphraseAgain(): Locator {
    return this.dialog.getByLabel('Export passphrase again');
  }
  /** "Export", or "Export…" while main will ask in its own box first (generated passphrase, unencrypted keys) */
  get exportButton(): Locator {
    return this.dialog.getByRole('button', { name: /^Export…?$/ });
  }

  /**
   * Chooses the target folder in main's dialog (the test's `dialogs.chooseFolder` answers `dir`), then
   * fills the rest of the form.
   */
  async fill(o: { dir: string; passphrase?: string; p12?: 'none' | 'modern' | 'legacy' }): Promise<void> {
    await this.chooseFolderButton.click();
    await expect(this.folder).toHaveValue(o.dir);
    if (o.passphrase !== undefined) {
      await this.passphrase.fill(o.passphrase);
      await this.passphraseAgain.fill(o.passphrase);
    }
    if (o.p12) await this.dialog.getByRole('combobox', { name: 'PKCS#12 file' }).selectOption(o.p12);
  }

  /** The folder main wrote this certificate's files to, as the result dialog lists it. */
  async bundleDir(cn: string): Promise<string> {
    const region = this.finished.getByRole('region', { name: `Files for ${cn}` });
    return (await region.locator('p.mono').innerText()).trim();
  }
}

export class HandshakeCheckScreen {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'mTLS handshake check', level: 2 });
  }
  get server(): Locator {
    return this.page.getByRole('combobox', { name: 'Server certificate' });
  }
  get client(): Locator {
    return this.page.getByRole('combobox', { name: 'Client certificate' });
  }
  get serverName(): Locator {
    return this.page.getByRole('textbox', { name: 'Server name' });
  }
  get run(): Locator {
    return this.page.getByRole('button', { name: 'Run handshake check' });
  }
  get resultHeading(): Locator {
    return this.page.getByRole('heading', { name: /^Handshake (succeeded|failed)/, level: 3 });
  }

  async open(): Promise<void> {
    await goTo(this.page, 'mTLS check');
    await expect(this.heading).toBeVisible();
  }
}
