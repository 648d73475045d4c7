import type { HandshakeReport } from '../../../../shared/domain/types';
import { MessageText } from '../../components';
import { FAILURE_LABELS } from './handshake-form';

export function HandshakeResult({ report }: { report: HandshakeReport }): React.JSX.Element {
  if (!report.ok) {
    return (
      <section
        className="panel cd-check-result cd-check-fail"
        role="alert"
        aria-labelledby="check-result-title"
      >
        <h3 id="check-result-title">Handshake failed: {FAILURE_LABELS[report.reason ?? 'other']}</h3>
        <p>
          <MessageText text={report.message} />
        </p>
        <p className="muted">Server name tried: {report.serverName}</p>
      </section>
    );
  }
  return (
    <section className="panel cd-check-result cd-check-ok" role="status" aria-labelledby="check-result-title">
      <h3 id="check-result-title">Handshake succeeded</h3>
      <p>
        <MessageText text={report.message} />
      </p>
      <dl className="cd-dl">
        <dt>Server name</dt>
        <dd className="mono">{report.serverName}</dd>
        <dt>Client identity the server sees (CN)</dt>
        <dd className="mono">{report.peer?.cn ?? '—'}</dd>
        <dt>Client URI SANs</dt>
        <dd className="mono">{report.peer?.uris.length ? report.peer.uris.join(', ') : 'none'}</dd>
        <dt>TLS version</dt>
        <dd>{report.protocol ?? '—'}</dd>
        <dt>Cipher</dt>
        <dd className="mono">{report.cipher ?? '—'}</dd>
      </dl>
    </section>
  );
}
