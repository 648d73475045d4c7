import type { Locator, Page } from '@playwright/test';

export class DashboardPage {
  constructor(readonly page: Page) {}

  heading(): Locator {
    return this.page.getByRole('heading', { name: 'Dashboard', level: 2 });
  }
  /** The status card button, e.g. "Expiring: 2" or "Valid: 7,001". */
  count(label: 'Valid' | 'Expiring' | 'Expired' | 'Revoked' | 'Renewed'): Locator {
    return this.page
      .getByRole('list', { name: /Certificates by status/ })
      .getByRole('button', { name: new RegExp(`^${label}: \\d[\\d,]*$`) });
  }
  /** The card (list item) holding a status count button, e.g. for its coloured edge. */
  card(label: 'Valid' | 'Expiring' | 'Expired' | 'Revoked' | 'Renewed'): Locator {
    return this.page
      .getByRole('list', { name: /Certificates by status/ })
      .getByRole('listitem')
      .filter({ has: this.page.getByRole('button', { name: new RegExp(`^${label}: \\d[\\d,]*$`) }) });
  }
  /** "Expired 0", "Critical 12", "Warning 40": counts per urgency band above the table */
  urgencyGroups(): Locator {
    return this.page.getByRole('list', { name: 'Expiring soon by urgency' });
  }
  expiringTable(): Locator {
    return this.page.getByRole('table', { name: 'Expiring soon' });
  }
  expiringRow(cn: string): Locator {
    return this.expiringTable()
      .getByRole('row')
      .filter({ has: this.page.getByRole('button', { name: cn, exact: true }) });
  }
  /** "Later: N more certificates expire within D days", after the urgent ones */
  laterLine(): Locator {
    return this.page
      .getByRole('region', { name: 'Expiring soon' })
      .getByRole('paragraph')
      .filter({ hasText: /^Later:/ });
  }
  /** opens Certificates filtered to the certificates due later */
  showLater(count: string): Locator {
    return this.page.getByRole('button', { name: `Show all ${count} expiring later`, exact: true });
  }
  calendarLeadDays(): Locator {
    return this.page.getByRole('spinbutton', { name: 'Renewal lead time (days)' });
  }
  exportCalendar(): Locator {
    // It opens main's save dialog, so its name ends in an ellipsis like every command that opens a dialog.
    return this.page.getByRole('button', { name: 'Export to calendar (.ics)…', exact: true });
  }
  renewButton(cn: string): Locator {
    return this.page.getByRole('button', { name: `Renew ${cn}` });
  }
  timelineChart(): Locator {
    return this.page.getByRole('img', { name: /Expirations over the next 12 months/ });
  }
  timelineTable(): Locator {
    return this.page.getByRole('table', { name: 'Expirations per month by CA' });
  }
  caHealth(): Locator {
    return this.page.getByRole('table', { name: 'CA health' });
  }
  recentActivity(): Locator {
    return this.page.getByRole('region', { name: 'Recent activity' });
  }
}
