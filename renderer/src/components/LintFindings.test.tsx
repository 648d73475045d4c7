import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { LintFindings } from './LintFindings';

describe('LintFindings', () => {
  it('lists errors first with one label per severity, wherever it is shown', () => {
    const html = renderToStaticMarkup(
      <LintFindings
        findings={[
          { id: 'a', severity: 'info', message: 'no CRL distribution point', explanation: 'fine offline' },
          { id: 'b', severity: 'error', message: 'CN is not in the SANs', explanation: 'Go ignores the CN' },
          { id: 'c', severity: 'warning', message: 'validity over 398 days', explanation: 'browsers' },
        ]}
      />,
    );
    expect(html).toContain('aria-label="Lint findings"');
    const labels = [...html.matchAll(/class="sev sev-(\w+)">(\w+)</g)].map((m) => `${m[1]}:${m[2]}`);
    expect(labels).toEqual(['error:Error', 'warning:Warning', 'info:Note']);
  });

  it('says so when there is nothing to report, in the words the caller chose', () => {
    expect(renderToStaticMarkup(<LintFindings findings={[]} />)).toContain('No lint findings.');
    expect(renderToStaticMarkup(<LintFindings findings={[]} empty="Nothing found." />)).toContain(
      'Nothing found.',
    );
  });
});
