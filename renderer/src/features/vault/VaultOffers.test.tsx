import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { TextField } from '../../components';
import { formatDateTime } from '../../components/format';
import { RollbackNotice } from './VaultOffers';

/** text outside a tag that still reads as an ISO 8601 instant */
const RAW_ISO = />[^<]*\d{4}-\d\d-\d\dT\d\d:\d\d/;

describe('instants main quotes on the vault gate', () => {
  it('shows both dates of a rolled-back vault in the one local format, with the exact instant on hover', () => {
    const html = renderToStaticMarkup(
      <RollbackNotice
        offer={{
          message:
            'The vault /tmp/v.certdesk is older than the one last opened on this workstation: generation 3 < 5. ' +
            'This file was last written 2026-11-30T08:15:00.000Z; the newer state was seen 2026-12-04T01:40:58.000Z.',
          lost: 'Opening it undoes everything the newer state recorded after this copy.',
        }}
      />,
    );
    expect(html).not.toMatch(RAW_ISO);
    expect(html).toContain(
      `last written <time dateTime="2026-11-30T08:15:00Z" title="2026-11-30T08:15:00Z">`,
    );
    expect(html).toContain(`${formatDateTime('2026-12-04T01:40:58.000Z')}</time>.`);
  });

  it('formats an instant in a refusal shown under a form field', () => {
    const html = renderToStaticMarkup(
      <TextField
        label="Passphrase"
        error="The revocation date 2027-01-15T12:34:56.000Z is in the future"
        onChange={() => undefined}
      />,
    );
    expect(html).not.toMatch(RAW_ISO);
    expect(html).toContain(`${formatDateTime('2027-01-15T12:34:56.000Z')}</time> is in the future`);
  });
});
