import type { IssueResult } from '../../../../shared/domain/types';
import { sanListLabel } from '../../../../shared/domain/san-text';
import { Button } from '../../components/Button';
import { HexValue } from '../../components/HexValue';
import { LintFindings } from '../../components/LintFindings';
import { DateTime, MessageText } from '../../components';

export interface IssueResultViewProps {
  result: IssueResult;
  onCopy: (text: string, label: string) => void;
  onExport: () => void;
  onIssueAnother: () => void;
}

export function IssueResultView({
  result,
  onCopy,
  onExport,
  onIssueAnother,
}: IssueResultViewProps): React.JSX.Element {
  const s = result.summary;
  return (
    <section className="panel cd-result" aria-labelledby="issue-result-title">
      <h3 id="issue-result-title">Issued {s.cn}</h3>
      <p role="status">The certificate is in the vault. Export it to hand it to the service.</p>
      <dl className="cd-dl">
        <dt>Serial</dt>
        <dd>
          <HexValue hex={s.serial} label="Serial" onCopy={onCopy} />
        </dd>
        <dt>SHA-256 fingerprint</dt>
        <dd>
          <HexValue hex={result.fingerprints.sha256} label="SHA-256 fingerprint" onCopy={onCopy} />
        </dd>
        <dt>SHA-1 fingerprint</dt>
        <dd>
          <HexValue hex={result.fingerprints.sha1} label="SHA-1 fingerprint" onCopy={onCopy} />
        </dd>
        <dt>Valid</dt>
        <dd>
          <DateTime iso={s.notBefore} /> → <DateTime iso={s.notAfter} />
        </dd>
        <dt>Issuer</dt>
        <dd>{s.issuer}</dd>
        {s.sans.length > 0 && (
          <>
            <dt>SANs</dt>
            <dd className="mono">{sanListLabel(s.sans)}</dd>
          </>
        )}
      </dl>
      {result.note && (
        <p className="cd-note" role="note">
          <MessageText text={result.note} />
        </p>
      )}
      {result.lint.length > 0 && <LintFindings findings={result.lint} />}
      <div className="button-row">
        <Button variant="primary" onClick={onExport}>
          Export…
        </Button>
        <Button onClick={onIssueAnother}>Issue another certificate</Button>
      </div>
    </section>
  );
}
