/** Locators and flows of the issuance wizard. */
import { expect, type Locator, type Page } from '@playwright/test';
import { goTo } from './issuance-app';

export type ProfileName = 'TLS server' | 'TLS client' | 'Service (server and client)' | 'Custom';

export interface IssueOptions {
  ca?: string;
  profile?: ProfileName;
  cn: string;
  /** typed into "Paste SANs", e.g. "DNS:user-service.internal, IP:127.0.0.1" */
  pasteSans?: string;
  addCnAsDns?: boolean;
  validity?: string;
}

export class IssuanceWizard {
  constructor(readonly page: Page) {}

  get heading(): Locator {
    return this.page.getByRole('heading', { name: 'Issue certificate', level: 2 });
  }
  get stepper(): Locator {
    return this.page.getByRole('navigation', { name: 'Issuance steps' });
  }
  get next(): Locator {
    return this.page.getByRole('button', { name: 'Next', exact: true });
  }
  get issueButton(): Locator {
    return this.page.getByRole('main').getByRole('button', { name: 'Issue certificate', exact: true });
  }
  get blockers(): Locator {
    return this.page.getByRole('list', { name: 'What blocks the next step' });
  }
  stepHeading(name: string): Locator {
    return this.page.getByRole('heading', { name, level: 3 });
  }
  sanValue(n: number): Locator {
    return this.page.getByRole('textbox', { name: `SAN ${n} value` });
  }
  sanType(n: number): Locator {
    return this.page.getByRole('combobox', { name: `SAN ${n} type` });
  }
  get resultHeading(): Locator {
    return this.page.getByRole('heading', { name: /^Issued / });
  }

  async open(): Promise<void> {
    await goTo(this.page, 'Issue');
    await expect(this.heading).toBeVisible();
  }

  async nextTo(step: string): Promise<void> {
    await this.next.click();
    await expect(this.stepHeading(step)).toBeVisible();
  }

  async pasteSans(text: string): Promise<void> {
    await this.page.getByRole('button', { name: 'Paste many…' }).click();
    await this.page.getByRole('textbox', { name: 'Paste SANs' }).fill(text);
    await this.page.getByRole('button', { name: 'Add pasted SANs' }).click();
  }

  /** Issuer → profile → subject: leaves the wizard on the subject step with the fields filled. */
  async fillUpToSubject(o: IssueOptions): Promise<void> {
    await expect(this.stepHeading('Issuer')).toBeVisible();
    if (o.ca) await this.page.getByRole('radio', { name: new RegExp(`^${o.ca}\\b`) }).check();
    await this.nextTo('Profile');
    await this.page.getByRole('radio', { name: new RegExp(`^${escape(o.profile ?? 'TLS server')}`) }).check();
    await this.nextTo('Subject and SANs');
    await this.page.getByRole('textbox', { name: 'Common name (CN)' }).fill(o.cn);
    if (o.addCnAsDns) await this.page.getByRole('button', { name: 'Add CN as DNS SAN' }).click();
    if (o.pasteSans) await this.pasteSans(o.pasteSans);
  }

  async toReview(validity?: string): Promise<void> {
    await this.nextTo('Key');
    await this.nextTo('Validity');
    if (validity) await this.page.getByRole('radio', { name: validity, exact: true }).check();
    await this.nextTo('Review');
    await expect(this.page.getByRole('heading', { name: 'Summary' })).toBeVisible();
  }

  async issue(o: IssueOptions): Promise<void> {
    await this.fillUpToSubject(o);
    await this.toReview(o.validity);
    await this.issueButton.click();
    await expect(this.page.getByRole('heading', { name: `Issued ${o.cn}` })).toBeVisible({ timeout: 60_000 });
  }

  async issueAnother(): Promise<void> {
    await this.page.getByRole('button', { name: 'Issue another certificate' }).click();
    await expect(this.stepHeading('Issuer')).toBeVisible();
  }
}

function escape(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
