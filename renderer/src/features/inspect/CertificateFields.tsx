import type { CertificateView } from '../../../../shared/domain/types';
import { DateTime, HexText, HexValue } from '../../components';
import { PemBlock } from './PemBlock';

function keyText(k: CertificateView['publicKey']): string {
  return [k.algorithm, k.size ? `${k.size} bits` : null, k.curve].filter(Boolean).join(', ');
}

/** The certificate's PEM in its own panel. */
export function PemSection({
  pem,
  onCopy,
}: {
  pem: string;
  onCopy: (text: string, label: string) => void;
}): React.JSX.Element {
  return (
    <section className="panel" aria-labelledby="pem-title">
      <h3 id="pem-title">PEM</h3>
      <PemBlock pem={pem} label="Certificate PEM" onCopy={onCopy} />
    </section>
  );
}

/** Every decoded field of one certificate; used by the vault inspector and for external files. */
export function CertificateFields({
  view,
  onCopy,
  withPem = true,
}: {
  view: CertificateView;
  onCopy: (text: string, label: string) => void;
  /** Ends with the PEM panel. Default is true; a two-column page shows it full width below instead. */
  withPem?: boolean;
}): React.JSX.Element {
  return (
    <>
      <section className="panel" aria-labelledby="fields-title">
        <h3 id="fields-title">Fields</h3>
        <dl className="kv">
          <dt>Subject</dt>
          <dd>{view.subject}</dd>
          <dt>Issuer</dt>
          <dd>{view.issuer}</dd>
          <dt>Not before</dt>
          <dd>
            <DateTime iso={view.notBefore} />
          </dd>
          <dt>Not after</dt>
          <dd>
            <DateTime iso={view.notAfter} />
          </dd>
          <dt>Serial</dt>
          <dd>
            <HexValue hex={view.serial} label="Serial" onCopy={onCopy} />
          </dd>
          <dt>Version</dt>
          <dd>v{view.version}</dd>
          <dt>Public key</dt>
          <dd>{keyText(view.publicKey)}</dd>
          <dt>Signature</dt>
          <dd>{view.signatureAlgorithm}</dd>
          <dt>CA</dt>
          <dd>{view.isCa ? 'Yes' : 'No'}</dd>
          <dt>SHA-256 fingerprint</dt>
          <dd aria-label="SHA-256 fingerprint">
            <HexValue hex={view.fingerprints.sha256} label="SHA-256 fingerprint" onCopy={onCopy} />
          </dd>
          <dt>SHA-1 fingerprint</dt>
          <dd>
            <HexValue hex={view.fingerprints.sha1} label="SHA-1 fingerprint" onCopy={onCopy} />
          </dd>
          <dt>SPKI SHA-256 pin</dt>
          <dd className="mono" aria-label="SPKI SHA-256 pin">
            {view.spkiSha256}
          </dd>
        </dl>
      </section>
      <section className="panel" aria-labelledby="ext-title">
        <h3 id="ext-title">Extensions ({view.extensions.length})</h3>
        {view.extensions.length === 0 ? (
          <p className="muted">No extensions (a v1 certificate).</p>
        ) : (
          <ul className="ext-list">
            {view.extensions.map((e) => (
              <li key={e.oid}>
                <strong>{e.name}</strong> <span className="muted mono">{e.oid}</span>
                {e.critical && <span className="sev sev-warning"> critical</span>}
                <ul className="ext-lines">
                  {e.lines.map((l, i) => (
                    <li key={i} className="mono">
                      <HexText text={l} />
                    </li>
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        )}
      </section>
      {withPem && <PemSection pem={view.pem} onCopy={onCopy} />}
    </>
  );
}
