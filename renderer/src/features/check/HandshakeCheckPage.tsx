import { useEffect, useMemo, useState } from 'react';
import type { CertSummary, HandshakeReport } from '../../../../shared/domain/types';
import { DateTime, HexBytes, MessageText } from '../../components';
import { useAppStore } from '../../store';
import { api } from '../../lib/api';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { Field, TextField } from '../../components/Field';
import { ProgressBar } from '../issuance/ProgressBar';
import { HandshakeResult } from './HandshakeResult';
import { defaultServerName, handshakeCandidates } from './handshake-form';
import '../issuance/issuance.css';
import './check.css';
import { colonHex, formatDate, profileLabel } from '../../components/format';

/**
 * One choice in the certificate selects: the expiry date and the serial's first bytes tell an old
 * certificate from its renewal (both carry the same CN); the full serial shows under the select.
 */
function choiceLabel(c: CertSummary): string {
  const serial = colonHex(c.serial);
  return `${c.cn} · ${profileLabel(c.profile)} · until ${formatDate(c.notAfter)} · serial ${serial.slice(0, 11)}…`;
}

function choiceDetail(cert: CertSummary | null | undefined): React.JSX.Element | undefined {
  if (!cert) return undefined;
  return (
    <>
      Serial <HexBytes hex={cert.serial} />, not after <DateTime iso={cert.notAfter} />
    </>
  );
}

/** mTLS check: a loopback TLS 1.3 server with the server cert, a client dialling with the client cert. */
export function HandshakeCheckPage(): React.JSX.Element {
  const certs = useAppStore((s) => s.certs);
  const loadCerts = useAppStore((s) => s.loadCerts);
  const servers = useMemo(() => handshakeCandidates(certs, 'server'), [certs]);
  const clients = useMemo(() => handshakeCandidates(certs, 'client'), [certs]);
  const [serverId, setServerId] = useState('');
  const [clientId, setClientId] = useState('');
  const [serverName, setServerName] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [report, setReport] = useState<HandshakeReport | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void loadCerts();
  }, [loadCerts]);

  const server = servers.find((c) => c.id === serverId) ?? servers[0];
  const client =
    clients.find((c) => c.id === clientId) ?? clients.find((c) => c.id !== server?.id) ?? clients[0];
  // The name follows the chosen server until the operator types their own.
  const name = serverName ?? defaultServerName(server);

  const run = async (): Promise<void> => {
    if (!server || !client || !name.trim()) return;
    setBusy(true);
    setError(null);
    setReport(null);
    const r = await api().tls.checkMtls({
      serverId: server.id,
      clientId: client.id,
      serverName: name.trim(),
    });
    setBusy(false);
    if (r.ok) setReport(r.value);
    else setError(r.error.message);
  };

  return (
    <section className="cd-page" aria-labelledby="check-title">
      <header className="page-header">
        <h2 id="check-title">mTLS handshake check</h2>
      </header>
      <p className="muted">
        Runs a TLS 1.3 server on the loopback interface that requires a client certificate, and connects to it
        with the client certificate, as the gRPC setup in production does. Nothing leaves this machine.
      </p>
      {servers.length === 0 ? (
        <EmptyState title="Nothing to check yet">
          Issue a server certificate and a client certificate first; both need their keys in the vault.
        </EmptyState>
      ) : (
        <div className="panel">
          <div className="form-grid cd-check-grid">
            <Field label="Server certificate" hint={choiceDetail(server)}>
              {(control) => (
                <select
                  {...control}
                  value={server?.id ?? ''}
                  onChange={(e) => {
                    setServerId(e.target.value);
                    setServerName(null);
                    setReport(null);
                  }}
                >
                  {servers.map((c) => (
                    <option key={c.id} value={c.id}>
                      {choiceLabel(c)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <Field label="Client certificate" hint={choiceDetail(client)}>
              {(control) => (
                <select
                  {...control}
                  value={client?.id ?? ''}
                  onChange={(e) => {
                    setClientId(e.target.value);
                    setReport(null);
                  }}
                >
                  {clients.map((c) => (
                    <option key={c.id} value={c.id}>
                      {choiceLabel(c)}
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <TextField
              label="Server name"
              value={name}
              onChange={(e) => {
                setServerName(e.target.value);
                setReport(null);
              }}
              error={name.trim() ? null : 'Type the name the client dials, e.g. user-service'}
              hint="The name the client dials (SNI and host-name check)."
              spellCheck={false}
            />
          </div>
          <div className="button-row">
            <Button
              variant="primary"
              busy={busy}
              disabled={!server || !client || !name.trim()}
              onClick={() => void run()}
            >
              Run handshake check
            </Button>
          </div>
          {busy && (
            <ProgressBar label="Running handshake check">
              Starting the loopback server and connecting…
            </ProgressBar>
          )}
        </div>
      )}
      {error && (
        <p className="form-error" role="alert">
          <MessageText text={error} />
        </p>
      )}
      {report && <HandshakeResult report={report} />}
    </section>
  );
}
