import { useEffect, useMemo, useRef, useState } from 'react';
import { certStatus, daysLeftShown } from '../../../../shared/domain/expiry';
import { Button, DateTime, HexBytes, MessageText, StatusPill } from '../../components';
import { useAppStore } from '../../store';
import { ExportDialog } from '../export/ExportDialog';
import { CrlPanel } from '../revocation/CrlPanel';
import { RevokeDialog } from '../revocation/RevokeDialog';
import { CertificateFields, PemSection } from './CertificateFields';
import { ChainView } from './ChainView';
import { LintFindings } from '../../components/LintFindings';
import { daysText, formatDate, profileLabel } from '../../components/format';
import { WriteButton } from '../vault/WriteButton';

type OpenDialog = 'revoke' | 'export' | null;

/** Detail inspector for a vault certificate (opened from a list row, the dashboard or a chain link). */
export function CertInspectorPage({ id }: { id: string }): React.JSX.Element {
  const detail = useAppStore((s) => (s.detail?.id === id ? s.detail : null));
  const certs = useAppStore((s) => s.certs);
  const nowMs = useAppStore((s) => s.nowMs);
  const thresholds = useAppStore((s) => s.settings.thresholds);
  const { closeCert, openCert, renewCert, loadDetail, copyText, untrackCert } = useAppStore.getState();
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [renewing, setRenewing] = useState(false);
  // The native menu's Export… arrives as a counter bump: open the dialog once per request (no effect needed).
  const exportRequested = useAppStore((s) => s.exportRequested);
  const [seenExport, setSeenExport] = useState(exportRequested);
  if (exportRequested !== seenExport) {
    setSeenExport(exportRequested);
    setDialog('export');
  }

  useEffect(() => {
    if (!detail) void loadDetail(id);
  }, [detail, id, loadDetail]);
  // The control that opened this page (a list row, a chain or lineage link) is gone: keyboard focus starts at
  // the certificate's name instead of falling to the page body.
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), [id]);
  // Escape goes back to the list; dialogs stop their own Escape before it reaches the window.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape' && !dialog) closeCert();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [dialog, closeCert]);

  const byId = useMemo(() => new Map(certs.map((c) => [c.id, c])), [certs]);
  const summary = detail?.data?.summary ?? byId.get(id);
  const now = new Date(nowMs);

  const renew = async (): Promise<void> => {
    setRenewing(true);
    const r = await renewCert(id);
    setRenewing(false);
    if (r) openCert(r.summary.id);
  };

  return (
    <div className="page">
      <div className="page-header">
        <Button variant="ghost" onClick={closeCert}>
          <span aria-hidden="true">← </span>Back to certificates
        </Button>
        <h2 ref={headingRef} tabIndex={-1}>
          {summary?.cn ?? 'Certificate'}
        </h2>
        {summary && <StatusPill status={certStatus(summary, now, thresholds)} />}
        <span className="spacer" />
        {summary && (
          <div className="button-row" role="group" aria-label="Certificate actions">
            {summary.kind === 'leaf' && !summary.revoked && !summary.tracked && (
              <WriteButton variant="primary" busy={renewing} onClick={() => void renew()}>
                Renew
              </WriteButton>
            )}
            <Button onClick={() => setDialog('export')}>Export…</Button>
            {summary.tracked && (
              <WriteButton onClick={() => void untrackCert(summary.id).then((done) => done && closeCert())}>
                Stop tracking
              </WriteButton>
            )}
            {!summary.revoked && summary.issuerId && !summary.tracked && (
              <WriteButton variant="danger" onClick={() => setDialog('revoke')}>
                Revoke…
              </WriteButton>
            )}
          </div>
        )}
      </div>
      {summary && (
        <p className="muted">
          {summary.tracked
            ? `Tracked ${summary.kind === 'ca' ? 'CA certificate' : 'certificate'} (issued elsewhere)`
            : summary.kind === 'ca'
              ? 'Certificate authority'
              : profileLabel(summary.profile)}{' '}
          · expires <DateTime iso={summary.notAfter} dateOnly /> ({daysText(daysLeftShown(summary, now))})
          {summary.revoked && (
            <>
              {' · revoked '}
              <DateTime iso={summary.revoked.at} dateOnly /> ({summary.revoked.reason})
            </>
          )}
          {summary.invalidReason && certStatus(summary, now, thresholds) === 'invalid' && (
            <>
              {' · chain fails: '}
              <MessageText text={summary.invalidReason} />
            </>
          )}
          {summary.trackedChain && (
            <>
              {' · '}
              <MessageText text={summary.trackedChain.message} />
            </>
          )}
          {summary.hasKey ? ' · private key in the vault' : ' · no private key in the vault'}
        </p>
      )}
      {detail?.error && (
        <p className="alert alert-error" role="alert">
          Could not load this certificate: <MessageText text={detail.error} />
        </p>
      )}
      {!detail?.data && !detail?.error && <p className="muted">Loading…</p>}
      {detail?.data && (
        <div className="inspector-grid">
          <div>
            <CertificateFields
              view={detail.data.view}
              onCopy={(t, l) => void copyText(t, l)}
              withPem={false}
            />
          </div>
          <div>
            <ChainView chain={detail.data.chain} onOpen={openCert} />
            <section className="panel" aria-labelledby="lint-title">
              <h3 id="lint-title">Lint ({detail.data.lint.length})</h3>
              <LintFindings
                findings={detail.data.lint}
                empty="No findings: the certificate follows RFC 5280 and the private-PKI checks."
              />
            </section>
            {detail.data.summary.kind === 'ca' && detail.data.summary.hasKey && (
              <div className="panel">
                <CrlPanel caId={detail.data.summary.id} caName={detail.data.summary.cn} />
              </div>
            )}
            <section className="panel" aria-labelledby="lineage-title">
              <h3 id="lineage-title">Lineage</h3>
              {detail.data.lineage.length <= 1 ? (
                <p className="muted">Not renewed yet, and not a renewal of another certificate.</p>
              ) : (
                <ol className="lineage">
                  {detail.data.lineage.map((lid) => {
                    const c = byId.get(lid);
                    const label = c ? (
                      <>
                        {c.cn} · serial <HexBytes hex={c.serial} /> · until {formatDate(c.notAfter)}
                      </>
                    ) : (
                      lid
                    );
                    return (
                      <li key={lid}>
                        {lid === id ? (
                          <strong aria-current="true">{label} (this certificate)</strong>
                        ) : (
                          <button type="button" className="link-button" onClick={() => openCert(lid)}>
                            {label}
                          </button>
                        )}
                      </li>
                    );
                  })}
                </ol>
              )}
            </section>
          </div>
        </div>
      )}
      {/* Full width under both columns: a 64-character PEM line fits on one screen line at 1280 px. */}
      {detail?.data && <PemSection pem={detail.data.view.pem} onCopy={(t, l) => void copyText(t, l)} />}
      {dialog === 'revoke' && summary && (
        <RevokeDialog id={summary.id} cn={summary.cn} onClose={() => setDialog(null)} />
      )}
      {dialog === 'export' && summary && <ExportDialog ids={[summary.id]} onClose={() => setDialog(null)} />}
    </div>
  );
}
