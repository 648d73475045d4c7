import type { Locator, Page } from '@playwright/test';

export class AuditPage {
  constructor(readonly page: Page) {}
  heading(): Locator {
    return this.page.getByRole('heading', { name: 'Audit log', level: 2 });
  }
  table(): Locator {
    return this.page.getByRole('table', { name: 'Audit entries' });
  }
  rows(): Locator {
    return this.table()
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell') });
  }
  operation(): Locator {
    return this.page.getByLabel('Operation');
  }
  verify(): Locator {
    return this.page.getByRole('button', { name: 'Verify hash chain' });
  }
  verifyResult(): Locator {
    return this.page.getByRole('status', { name: 'Verification result' });
  }
}

export class SettingsPage {
  constructor(readonly page: Page) {}
  form(): Locator {
    return this.page.getByRole('form', { name: 'Settings' });
  }
  field(label: string): Locator {
    return this.form().getByLabel(label, { exact: true });
  }
  save(): Locator {
    return this.form().getByRole('button', { name: 'Save settings' });
  }
}

export class InspectFilePage {
  constructor(readonly page: Page) {}
  pemText(): Locator {
    return this.page.getByLabel('PEM text');
  }
  fileTab(): Locator {
    return this.page.getByRole('tab', { name: 'File', exact: true });
  }
  /** asks main's open dialog, which the test's `dialogs.chooseFile` answers */
  chooseFile(): Locator {
    return this.page.getByRole('button', { name: 'Choose file to inspect…', exact: true });
  }
  chosenFile(): Locator {
    return this.page.getByRole('textbox', { name: 'File to inspect' });
  }
  inspect(): Locator {
    return this.page
      .getByRole('form', { name: 'Inspect input' })
      .getByRole('button', { name: 'Inspect', exact: true });
  }
  result(): Locator {
    return this.page.getByRole('region', {
      name: /^(Certificate|Certificate chain|Certificate signing request|Certificate revocation list|PKCS#12 bundle)/,
    });
  }
}
