import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../components/format';
import { LeftOutCas } from './TrustBundleDialog';

describe('trust bundle result', () => {
  it('names why each CA was left out, with the date in the one local format', () => {
    const html = renderToStaticMarkup(
      <LeftOutCas
        excluded={[
          {
            id: 'sub',
            cn: 'Branch Sub',
            reason: 'revoked',
            detail:
              'the CA above it, "CN=Branch Issuing": revoked on 2026-12-04T01:40:58.000Z (cACompromise)',
          },
          { id: 'old', cn: 'Old CA', reason: 'expired' },
        ]}
      />,
    );
    expect(html).not.toMatch(/>[^<]*\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(html).toContain(`Branch Sub: the CA above it, &quot;CN=Branch Issuing&quot;: revoked on <time`);
    expect(html).toContain(`${formatDateTime('2026-12-04T01:40:58.000Z')}</time> (cACompromise)`);
    expect(html).toContain('Old CA: expired');
  });
});
