import type { InspectResult } from '../../../../shared/ipc/contract';
import { sanListLabel } from '../../../../shared/domain/san-text';
import { CertificateFields } from './CertificateFields';
import { PemBlock } from './PemBlock';
import { DateTime, HexBytes } from '../../components';

const KIND_LABELS: Record<InspectResult['kind'], string> = {
  certificate: 'Certificate',
  chain: 'Certificate chain',
  csr: 'Certificate signing request',
  crl: 'Certificate revocation list',
  pkcs12: 'PKCS#12 bundle',
};

export function InspectResultView({
  result,
  source,
  onOpenKnown,
  onCopy,
}: {
  result: InspectResult;
  source: string | null;
  onOpenKnown: (id: string) => void;
  onCopy: (text: string, label: string) => void;
}): React.JSX.Element {
  return (
    <section aria-labelledby="inspect-result-title">
      <h3 id="inspect-result-title">
        {KIND_LABELS[result.kind]}
        {source && <span className="muted"> — {source}</span>}
      </h3>
      {result.certificates.map((c, i) => (
        <div key={`${c.fingerprints.sha256}-${i}`} className="inspect-cert">
          <div className={c.knownId ? 'alert alert-ok' : 'alert alert-warn'} role="status">
            <strong>{result.certificates.length > 1 ? `Certificate ${i + 1}: ` : ''}</strong>
            {c.verdict}
            {c.knownId && (
              <>
                {' '}
                <button type="button" className="link-button" onClick={() => onOpenKnown(c.knownId!)}>
                  Open in the vault
                </button>
              </>
            )}
          </div>
          <CertificateFields view={c} onCopy={onCopy} />
        </div>
      ))}
      {result.csr && (
        <div className="panel">
          <h3>Request</h3>
          <dl className="kv">
            <dt>Subject</dt>
            <dd>{result.csr.subject}</dd>
            <dt>SANs</dt>
            <dd>{sanListLabel(result.csr.sans) || '—'}</dd>
            <dt>Public key</dt>
            <dd>
              {[result.csr.publicKey.algorithm, result.csr.publicKey.size, result.csr.publicKey.curve]
                .filter(Boolean)
                .join(', ')}
            </dd>
            <dt>Signature</dt>
            <dd>
              {result.csr.signatureValid
                ? 'Valid (the requester holds the key)'
                : 'INVALID: do not sign this request'}
            </dd>
          </dl>
          <PemBlock pem={result.csr.pem} label="CSR PEM" onCopy={onCopy} />
        </div>
      )}
      {result.crl && (
        <div className="panel">
          <h3>Revocation list</h3>
          <dl className="kv">
            <dt>Issuer</dt>
            <dd>{result.crl.issuer}</dd>
            <dt>CRL number</dt>
            <dd>{result.crl.number ?? '—'}</dd>
            <dt>This update</dt>
            <dd>
              <DateTime iso={result.crl.thisUpdate} />
            </dd>
            <dt>Next update</dt>
            <dd>{result.crl.nextUpdate ? <DateTime iso={result.crl.nextUpdate} /> : '—'}</dd>
            <dt>Signature</dt>
            <dd>
              {result.crl.signatureValidBy
                ? `Verified by ${result.crl.signatureValidBy}`
                : 'Not verified by any CA in this vault'}
            </dd>
            <dt>Revoked entries</dt>
            <dd>{result.crl.revoked.length}</dd>
          </dl>
          {result.crl.revoked.length > 0 && (
            <table className="data" aria-label="Revoked serials">
              <thead>
                <tr>
                  <th scope="col">Serial</th>
                  <th scope="col">Date</th>
                  <th scope="col">Reason</th>
                </tr>
              </thead>
              <tbody>
                {result.crl.revoked.map((r) => (
                  <tr key={r.serial}>
                    <td>
                      <HexBytes hex={r.serial} />
                    </td>
                    <td>
                      <DateTime iso={r.date} />
                    </td>
                    <td>{r.reason ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </div>
      )}
    </section>
  );
}
