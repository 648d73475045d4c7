import type { IssuePreview } from '../../../../shared/domain/types';
import { DateTime, MessageText } from '../../components';
import { daysBetween } from '../../components/format';
import { CopyBlock } from './CopyBlock';
import { LintFindings } from '../../components/LintFindings';

export interface ReviewStepProps {
  preview: IssuePreview | null;
  previewBusy: boolean;
  previewError: string | null;
  blockers: readonly string[];
  signingCsr: boolean;
}

export function ReviewStep({
  preview,
  previewBusy,
  previewError,
  blockers,
  signingCsr,
}: ReviewStepProps): React.JSX.Element {
  if (blockers.length > 0) {
    return (
      <div className="form-error" role="alert">
        <p>Fix these before issuing:</p>
        <ul>
          {blockers.map((b) => (
            <li key={b}>{b}</li>
          ))}
        </ul>
      </div>
    );
  }
  return (
    <div aria-busy={previewBusy}>
      {previewBusy && !preview && <p className="muted">Preparing the summary…</p>}
      {previewError && (
        <p className="form-error" role="alert">
          {previewError}
        </p>
      )}
      {preview && (
        <>
          <section className="panel" aria-labelledby="review-summary">
            <h3 id="review-summary">Summary</h3>
            <ul className="cd-summary">
              {preview.summaryLines.map((line) => (
                <li key={line}>{line}</li>
              ))}
              <li>
                Valid from <DateTime iso={preview.notBefore} /> to <DateTime iso={preview.notAfter} /> (
                {daysBetween(preview.notBefore, preview.notAfter)} days).
              </li>
            </ul>
            {signingCsr && <p>The key stays with the requester: CertDesk signs the CSR only.</p>}
            {preview.note && (
              <p className="cd-note" role="note">
                <MessageText text={preview.note} />
              </p>
            )}
          </section>
          <section className="panel" aria-labelledby="review-lint">
            <h3 id="review-lint">Lint</h3>
            <LintFindings findings={preview.lint} />
          </section>
          <section className="panel" aria-labelledby="review-openssl">
            <h3 id="review-openssl">Equivalent openssl commands</h3>
            <CopyBlock
              label="Equivalent openssl commands"
              hideLabel
              text={preview.opensslCommands.join('\n')}
            />
          </section>
        </>
      )}
    </div>
  );
}
