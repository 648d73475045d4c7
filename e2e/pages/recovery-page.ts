import type { Locator, Page } from '@playwright/test';

/** Settings → Recovery, the print view of new shares, and "Recover with shares…" on the unlock screen. */
export class RecoveryPage {
  constructor(readonly page: Page) {}

  panel(): Locator {
    return this.page.getByRole('region', { name: 'Recovery' });
  }
  field(name: string): Locator {
    return this.panel().getByLabel(name);
  }
  create(): Locator {
    return this.panel().getByRole('button', { name: 'Create shares…' });
  }
  chooseFolder(): Locator {
    return this.panel().getByRole('button', { name: 'Choose a folder for the sheets…', exact: true });
  }
  fingerprints(): Locator {
    return this.panel().getByRole('list', { name: 'Share fingerprints' }).getByRole('listitem');
  }
  printView(): Locator {
    return this.page.getByRole('dialog', { name: 'Recovery share sheets' });
  }
  sheet(index: number, of: number): Locator {
    return this.printView().getByRole('article', { name: `Share ${index} of ${of}` });
  }
  sheetText(index: number): Locator {
    return this.printView().getByLabel(`Share ${index} text`);
  }
  recoverButton(): Locator {
    return this.page.getByRole('button', { name: 'Recover with shares…' });
  }
  recoverDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Recover with shares' });
  }
}
