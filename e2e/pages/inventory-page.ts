import type { Locator, Page } from '@playwright/test';

export class InventoryPage {
  constructor(readonly page: Page) {}

  table(): Locator {
    return this.page.getByRole('table', { name: 'Certificates' });
  }
  /** Data rows only (the header row has column headers, not cells). */
  rows(): Locator {
    return this.table()
      .getByRole('row')
      .filter({ has: this.page.getByRole('cell') });
  }
  row(cn: string): Locator {
    return this.rows().filter({ has: this.page.getByRole('button', { name: cn, exact: true }) });
  }
  /** CN cells in display order. */
  async cnOrder(): Promise<string[]> {
    return this.rows().locator('[role="cell"]:nth-child(2) button').allTextContents();
  }
  search(): Locator {
    return this.page.getByRole('searchbox', { name: 'Search' });
  }
  status(): Locator {
    return this.page.getByLabel('Status', { exact: true });
  }
  issuer(): Locator {
    return this.page.getByLabel('Issuer', { exact: true });
  }
  profile(): Locator {
    return this.page.getByLabel('Profile', { exact: true });
  }
  sortBy(): Locator {
    return this.page.getByLabel('Sort by');
  }
  sortOrder(): Locator {
    return this.page.getByRole('button', { name: /^Sort order/ });
  }
  count(): Locator {
    return this.page.getByRole('status', { name: 'Result count' });
  }
  trackButton(): Locator {
    return this.page.getByRole('button', { name: 'Track certificates…' });
  }
  trackDialog(): Locator {
    return this.page.getByRole('dialog', { name: 'Track certificates' });
  }
  hierarchyTab(): Locator {
    return this.page.getByRole('tab', { name: 'Hierarchy' });
  }
  hierarchy(): Locator {
    return this.page.getByRole('list', { name: 'Certificate hierarchy' });
  }
}

export class InspectorPage {
  constructor(readonly page: Page) {}

  heading(cn: string): Locator {
    return this.page.getByRole('heading', { name: cn, level: 2 });
  }
  fields(): Locator {
    return this.page.getByRole('region', { name: 'Fields' });
  }
  extensions(): Locator {
    return this.page.getByRole('region', { name: /^Extensions/ });
  }
  chain(): Locator {
    return this.page.getByRole('region', { name: 'Chain to the root' });
  }
  lint(): Locator {
    return this.page.getByRole('region', { name: /^Lint/ });
  }
  lineage(): Locator {
    return this.page.getByRole('region', { name: 'Lineage' });
  }
  pem(): Locator {
    return this.page.getByLabel('Certificate PEM', { exact: true });
  }
  copyPem(): Locator {
    return this.page.getByRole('button', { name: 'Copy Certificate PEM' });
  }
  action(name: 'Renew' | 'Export…' | 'Revoke…' | 'Stop tracking'): Locator {
    return this.page.getByRole('group', { name: 'Certificate actions' }).getByRole('button', { name });
  }
  back(): Locator {
    return this.page.getByRole('button', { name: 'Back to certificates' });
  }
}
