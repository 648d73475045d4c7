import type { Locator, Page } from '@playwright/test';

/** Locators of the batch issuance screen, by role and accessible name. */
export class BatchScreen {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { name: 'Batch issuance', level: 2 });
  }
  manifest(): Locator {
    return this.page.getByRole('textbox', { name: 'Manifest (CSV or JSON)' });
  }
  /** the chosen file's path, read-only (main's dialog chooses it) */
  file(): Locator {
    return this.page.getByRole('textbox', { name: 'Manifest file' });
  }
  chooseFile(): Locator {
    return this.page.getByRole('button', { name: 'Choose manifest file…', exact: true });
  }
  ca(): Locator {
    return this.page.getByRole('combobox', { name: 'Issuing CA' });
  }
  preview(): Locator {
    return this.page.getByRole('table', { name: 'Manifest preview' });
  }
  previewSummary(): Locator {
    return this.page.getByRole('status', { name: 'Preview summary' });
  }
  rowProblems(index: number): Locator {
    return this.page.getByRole('list', { name: `Problems in row ${index}` });
  }
  issueButton(): Locator {
    return this.page.getByRole('button', { name: /^Issue \d+ certificates?$/ });
  }
  cancelButton(): Locator {
    return this.page.getByRole('button', { name: 'Cancel', exact: true });
  }
  progress(): Locator {
    return this.page.getByRole('progressbar', { name: 'Issuing batch' });
  }
  result(): Locator {
    return this.page.getByRole('table', { name: 'Batch result' });
  }
  outcome(): Locator {
    return this.page.getByRole('status', { name: 'Batch outcome' });
  }
  exportAll(): Locator {
    return this.page.getByRole('button', { name: 'Export all…' });
  }
}
