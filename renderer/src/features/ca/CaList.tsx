import { certStatus, daysLeftShown } from '../../../../shared/domain/expiry';
import type { CertSummary, ExpiryThresholds } from '../../../../shared/domain/types';
import { StatusPill } from '../../components/StatusPill';
import { DateTime } from '../../components';

export interface CaListProps {
  authorities: readonly CertSummary[];
  now: Date;
  thresholds: ExpiryThresholds;
  selectedId: string | null;
  onSelect: (id: string) => void;
}

export function caKindLabel(ca: CertSummary): string {
  const kind = ca.profile === 'intermediate' ? 'Intermediate' : 'Root';
  return ca.hasKey ? kind : `${kind} (trust anchor)`;
}

/**
 * Who issued a CA, as main decides it (name bytes and keys): "Self-signed" only for a certificate its own key
 * signed. A CA whose issuer is not in the vault may still read "CN=Corp CA" under "CN=Corp CA" (a name of
 * another string type, or the old key of a rollover): the note says its issuer is elsewhere.
 */
function IssuerCell({ ca }: { ca: CertSummary }): React.JSX.Element {
  if (ca.selfSigned) return <>Self-signed</>;
  if (ca.issuerId !== null) return <>{ca.issuer}</>;
  return (
    <>
      {ca.issuer} <span className="muted">(issuer not in the vault)</span>
    </>
  );
}

export function CaList({
  authorities,
  now,
  thresholds,
  selectedId,
  onSelect,
}: CaListProps): React.JSX.Element {
  return (
    <table className="cd-table" aria-label="Certificate authorities">
      <thead>
        <tr>
          <th scope="col">Common name</th>
          <th scope="col">Kind</th>
          <th scope="col">Status</th>
          <th scope="col">Expires</th>
          <th scope="col">Key</th>
          <th scope="col">Issuer</th>
        </tr>
      </thead>
      <tbody>
        {authorities.map((ca) => (
          <tr
            key={ca.id}
            aria-selected={ca.id === selectedId}
            className={ca.id === selectedId ? 'cd-row-selected' : undefined}
          >
            <th scope="row">
              <button
                type="button"
                className="cd-link"
                aria-pressed={ca.id === selectedId}
                onClick={() => onSelect(ca.id)}
              >
                {ca.cn}
              </button>
            </th>
            <td>{caKindLabel(ca)}</td>
            <td>
              <StatusPill status={certStatus(ca, now, thresholds)} />
            </td>
            <td>
              <DateTime iso={ca.notAfter} /> <span className="muted">({daysLeftShown(ca, now)} days)</span>
            </td>
            <td>{ca.hasKey ? `${ca.keyAlgorithm} (in vault)` : 'No key'}</td>
            <td>
              <IssuerCell ca={ca} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
