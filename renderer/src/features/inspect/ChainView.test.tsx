import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatDateTime } from '../../components/format';
import { ChainView } from './ChainView';

describe('ChainView', () => {
  it('shows the dates that the path validator quotes in the one local format, with the exact instant on hover', () => {
    const html = renderToStaticMarkup(
      <ChainView
        onOpen={() => undefined}
        chain={[
          {
            id: 'leaf',
            subject: 'CN=web',
            ok: false,
            checks: [
              { check: 'validity', ok: true, message: 'valid until 2027-01-15T12:34:56.000Z' },
              {
                check: 'revocation',
                ok: false,
                message: 'revoked on 2026-12-04T01:40:58.000Z (keyCompromise)',
              },
            ],
          },
        ]}
      />,
    );
    expect(html).not.toMatch(/>[^<]*\d{4}-\d\d-\d\dT\d\d:\d\d/);
    expect(html).toContain(`valid until <time dateTime="2027-01-15T12:34:56Z" title="2027-01-15T12:34:56Z">`);
    expect(html).toContain(`${formatDateTime('2027-01-15T12:34:56.000Z')}</time>`);
    expect(html).toContain(`${formatDateTime('2026-12-04T01:40:58.000Z')}</time> (keyCompromise)`);
  });
});
