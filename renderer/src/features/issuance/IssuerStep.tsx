import type { CertSummary } from '../../../../shared/domain/types';
import { Button } from '../../components/Button';
import { DateTime } from '../../components';

export interface IssuerStepProps {
  authorities: readonly CertSummary[];
  caId: string | null;
  onChange: (caId: string) => void;
  onGoToAuthorities: () => void;
}

/** The signing CA: only vault CAs holding their key can sign; trust anchors are listed but disabled. */
export function IssuerStep({
  authorities,
  caId,
  onChange,
  onGoToAuthorities,
}: IssuerStepProps): React.JSX.Element {
  if (authorities.length === 0) {
    return (
      <div className="cd-empty-note">
        <p>There is no certificate authority in this vault yet.</p>
        <p className="muted">
          Create a root CA (or import one) on the Certificate authorities screen, then come back here.
        </p>
        <Button variant="primary" onClick={onGoToAuthorities}>
          Go to Certificate authorities
        </Button>
      </div>
    );
  }
  return (
    <fieldset className="cd-choice-list">
      <legend>Issuing CA</legend>
      {authorities.map((ca) => (
        <label key={ca.id} className={`cd-choice${ca.hasKey ? '' : ' cd-choice-disabled'}`}>
          <input
            type="radio"
            name="issuer"
            value={ca.id}
            checked={caId === ca.id}
            disabled={!ca.hasKey}
            onChange={() => onChange(ca.id)}
          />
          <span className="cd-choice-main">
            <strong>{ca.cn}</strong>
            <span className="muted">
              {ca.profile === 'root' ? 'Root CA' : 'Intermediate CA'} · {ca.keyAlgorithm} · expires{' '}
              <DateTime iso={ca.notAfter} />
              {ca.hasKey ? '' : ' · no private key (trust anchor only)'}
            </span>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
