import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { DashboardSummary } from '../../../../shared/domain/dashboard-summary';
import { ExpiringList } from './ExpiringList';

const noop = (): void => undefined;

function render(expiring: DashboardSummary['expiring']): string {
  const html = renderToStaticMarkup(
    <ExpiringList
      expiring={expiring}
      warningDays={30}
      noticeDays={90}
      onShowAll={noop}
      renewing={new Set()}
      onRenew={noop}
      onOpen={noop}
    />,
  );
  // the text a person reads: tags dropped, spaces collapsed
  return html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/ ([.:,])/g, '$1');
}

describe('ExpiringList: the Later line', () => {
  it('counts the certificates due later after the urgent ones, with a control that shows them', () => {
    const text = render({ mostUrgent: [], byUrgency: { expired: 0, critical: 2, warning: 3 }, later: 1_400 });
    expect(text).toContain(
      'Later: 1,400 more certificates expire within 90 days. Show all 1,400 expiring later',
    );
    expect(text.indexOf('Show all 5 expiring')).toBeLessThan(text.indexOf('Later:'));
  });

  it('says "more" only when urgent certificates are listed above it, and speaks of one in the singular', () => {
    const text = render({ mostUrgent: [], byUrgency: { expired: 0, critical: 0, warning: 0 }, later: 1 });
    expect(text).toContain('Nothing expires in the next 30 days.');
    expect(text).toContain('Later: 1 certificate expires within 90 days. Show all 1 expiring later');
  });

  it('says nothing about later when no certificate is due later', () => {
    for (const byUrgency of [
      { expired: 0, critical: 0, warning: 0 },
      { expired: 1, critical: 0, warning: 0 },
    ])
      expect(render({ mostUrgent: [], byUrgency, later: 0 })).not.toMatch(/Later|expiring later/);
  });
});
