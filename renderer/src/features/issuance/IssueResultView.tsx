import type { IssueResult } from '../../../../shared/domain/types';
import { Button } from '../../components/Button';
import { formatFingerprint, formatUtc } from './format';
import { LintList } from './LintList';

export interface IssueResultViewProps {
  result: IssueResult;
  onExport: () => void;
  onIssueAnother: () => void;
}

export function IssueResultView({
  result,
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
        <dd className="mono">{s.serial}</dd>
        <dt>SHA-256 fingerprint</dt>
        <dd className="mono cd-wrap">{formatFingerprint(result.fingerprints.sha256)}</dd>
        <dt>SHA-1 fingerprint</dt>
        <dd className="mono cd-wrap">{formatFingerprint(result.fingerprints.sha1)}</dd>
        <dt>Valid</dt>
        <dd>
          {formatUtc(s.notBefore)} → {formatUtc(s.notAfter)}
        </dd>
        <dt>Issuer</dt>
        <dd>{s.issuer}</dd>
        {s.sans.length > 0 && (
          <>
            <dt>SANs</dt>
            <dd className="mono">{s.sans.map((x) => `${x.type.toUpperCase()}:${x.value}`).join(', ')}</dd>
          </>
        )}
      </dl>
      {result.note && (
        <p className="cd-note" role="note">
          {result.note}
        </p>
      )}
      {result.lint.length > 0 && <LintList findings={result.lint} />}
      <div className="button-row">
        <Button variant="primary" onClick={onExport}>
          Export…
        </Button>
        <Button onClick={onIssueAnother}>Issue another certificate</Button>
      </div>
    </section>
  );
}
