import { useEffect, useMemo, useState } from 'react';
import { useAppStore } from '../../store';
import { signingAuthorities } from '../../store/issuance-slice';
import { Button } from '../../components/Button';
import { HexValue } from '../../components/HexValue';
import { EmptyState } from '../../components/EmptyState';
import { CrlPanel } from '../revocation/CrlPanel';
import { CaList, caKindLabel } from './CaList';
import { CreateCaDialog } from './CreateCaDialog';
import { ImportCaDialog } from './ImportCaDialog';
import { TrustAnchorDialog } from './TrustAnchorDialog';
import { createCa, exportTrustBundle, importCa, importTrustAnchor, parseCsr, signCaCsr } from './ca-actions';
import { TrustBundleDialog } from './TrustBundleDialog';
import { SignCaCsrDialog } from './SignCaCsrDialog';
import { ImportSourceDialog } from '../migration/ImportSourceDialog';
import { chooseSource, type ChosenSource } from '../migration/migration-actions';
import { importSummaryText } from '../migration/import-summary';
import '../migration/migration.css';
import type { AppErrorShape, Result } from '../../../../shared/result';
import '../issuance/issuance.css';
import './ca.css';
import { DateTime } from '../../components';
import { WriteButton } from '../vault/WriteButton';

type OpenDialog = 'root' | 'intermediate' | 'sign-csr' | 'import' | 'anchor' | 'bundle' | 'ca-cert' | null;

/** Certificate authorities: the list, the create/import wizards, and the selected CA's CRL panel. */
export function CaPage(): React.JSX.Element {
  const certs = useAppStore((s) => s.certs);
  const settings = useAppStore((s) => s.settings);
  const nowMs = useAppStore((s) => s.nowMs);
  const loadCerts = useAppStore((s) => s.loadCerts);
  const pushToast = useAppStore((s) => s.pushToast);
  const copyText = useAppStore((s) => s.copyText);
  const navigate = useAppStore((s) => s.navigate);
  const updateDraft = useAppStore((s) => s.updateDraft);
  const resetWizard = useAppStore((s) => s.resetWizard);
  const [dialog, setDialog] = useState<OpenDialog>(null);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [migration, setMigration] = useState<ChosenSource | null>(null);

  const startMigration = async (source: ChosenSource['source']): Promise<void> => {
    const r = await chooseSource(source);
    if (!r.ok) pushToast('error', r.error.message);
    else if (r.value) setMigration(r.value);
  };

  const authorities = useMemo(() => signingAuthorities(certs), [certs]);
  const signers = useMemo(() => authorities.filter((a) => a.hasKey), [authorities]);
  const selected = authorities.find((a) => a.id === selectedId) ?? authorities[0] ?? null;

  useEffect(() => {
    void loadCerts();
  }, [loadCerts]);

  /** Runs a CA call; on success refreshes the list, selects the new CA and shows a toast. */
  const run = async <T extends { id: string; cn: string }>(
    r: Result<T>,
    verb: string,
    note?: string,
  ): Promise<AppErrorShape | null> => {
    if (!r.ok) return r.error;
    await loadCerts();
    setSelectedId(r.value.id);
    pushToast('success', `${verb} ${r.value.cn}${note ? `. ${note}` : ''}`);
    return null;
  };

  return (
    <section className="cd-page cd-ca-page" aria-labelledby="ca-title">
      <header className="page-header">
        <h2 id="ca-title">Certificate authorities</h2>
      </header>
      <div className="button-row cd-ca-actions">
        <WriteButton variant="primary" onClick={() => setDialog('root')}>
          Create root CA…
        </WriteButton>
        <WriteButton onClick={() => setDialog('intermediate')} disabled={signers.length === 0}>
          Create intermediate CA…
        </WriteButton>
        <WriteButton onClick={() => setDialog('sign-csr')} disabled={signers.length === 0}>
          Sign CA CSR…
        </WriteButton>
        <WriteButton onClick={() => setDialog('import')}>Import CA…</WriteButton>
        <WriteButton onClick={() => setDialog('anchor')}>Import trust anchor…</WriteButton>
        {(['xca', 'easy-rsa'] as const).map((source) => (
          <WriteButton key={source} onClick={() => void startMigration(source)}>
            {source === 'xca' ? 'Import from XCA…' : 'Import from easy-rsa…'}
          </WriteButton>
        ))}
        <Button onClick={() => setDialog('bundle')} disabled={authorities.length === 0}>
          Export trust bundle…
        </Button>
      </div>

      {authorities.length === 0 ? (
        <EmptyState title="No certificate authority yet">
          Create a root CA to start issuing, or import the CA you already run (certificate and key, or
          PKCS#12).
        </EmptyState>
      ) : (
        <>
          <CaList
            authorities={authorities}
            now={new Date(nowMs)}
            thresholds={settings.thresholds}
            selectedId={selected?.id ?? null}
            onSelect={setSelectedId}
          />
          {selected && (
            <section className="panel cd-ca-detail" aria-labelledby="ca-detail-title">
              <h3 id="ca-detail-title">{selected.cn}</h3>
              <dl className="cd-dl">
                <dt>Kind</dt>
                <dd>{caKindLabel(selected)}</dd>
                <dt>Subject</dt>
                <dd className="mono">{selected.subject}</dd>
                <dt>Valid</dt>
                <dd>
                  <DateTime iso={selected.notBefore} /> → <DateTime iso={selected.notAfter} />
                </dd>
                <dt>Path length</dt>
                <dd>
                  {selected.pathLen === undefined || selected.pathLen === null
                    ? 'No limit'
                    : selected.pathLen}
                </dd>
                <dt>Serial</dt>
                <dd>
                  <HexValue hex={selected.serial} label="Serial" onCopy={(t, l) => void copyText(t, l)} />
                </dd>
                <dt>SHA-256</dt>
                <dd>
                  <HexValue
                    hex={selected.sha256}
                    label="SHA-256 fingerprint"
                    onCopy={(t, l) => void copyText(t, l)}
                  />
                </dd>
              </dl>
              <div className="button-row">
                <Button onClick={() => setDialog('ca-cert')}>Export certificate…</Button>
                {selected.hasKey && (
                  <Button
                    onClick={() => {
                      // A finished issuance starts over; a draft in progress keeps its fields.
                      if (useAppStore.getState().wizard.result) resetWizard();
                      updateDraft({ caId: selected.id });
                      navigate('issue');
                    }}
                  >
                    Issue a certificate from {selected.cn}
                  </Button>
                )}
              </div>
              {selected.hasKey ? (
                <CrlPanel key={selected.id} caId={selected.id} caName={selected.cn} />
              ) : (
                <p className="muted">A trust anchor has no key here, so CertDesk cannot sign its CRL.</p>
              )}
            </section>
          )}
        </>
      )}

      {(dialog === 'root' || dialog === 'intermediate') && (
        <CreateCaDialog
          kind={dialog}
          parents={signers}
          defaultDays={
            dialog === 'root' ? settings.defaultValidityDays.root : settings.defaultValidityDays.intermediate
          }
          defaultKey={settings.defaultKeyAlgorithm}
          onClose={() => setDialog(null)}
          onSubmit={async (input) => {
            const r = await createCa(input);
            return run(
              r.ok ? { ok: true, value: r.value.summary } : r,
              'Created',
              r.ok ? r.value.note : undefined,
            );
          }}
        />
      )}
      {dialog === 'sign-csr' && (
        <SignCaCsrDialog
          parents={signers}
          defaultDays={settings.defaultValidityDays.intermediate}
          onParse={parseCsr}
          onClose={() => setDialog(null)}
          onSubmit={async (input) => {
            const r = await signCaCsr(input);
            if (r.ok) {
              await loadCerts();
              setSelectedId(r.value.summary.id);
              pushToast('success', `Signed intermediate CA ${r.value.summary.cn}`);
            }
            return r;
          }}
        />
      )}
      {dialog === 'import' && (
        <ImportCaDialog
          onClose={() => setDialog(null)}
          onSubmit={async (input) => run(await importCa(input), 'Imported')}
        />
      )}
      {(dialog === 'bundle' || (dialog === 'ca-cert' && selected)) && (
        <TrustBundleDialog
          authorities={authorities}
          now={new Date(nowMs)}
          {...(dialog === 'ca-cert' && selected ? { only: selected } : {})}
          onClose={() => setDialog(null)}
          onExport={(input) =>
            exportTrustBundle({
              ...input,
              ...(dialog === 'ca-cert' && selected ? { folderName: selected.cn } : {}),
              title:
                dialog === 'bundle'
                  ? 'Export the trust bundle to folder'
                  : 'Export the CA certificate to folder',
            })
          }
        />
      )}
      {migration && (
        <ImportSourceDialog
          chosen={migration}
          onClose={() => setMigration(null)}
          onImported={(result) => {
            setMigration(null);
            void loadCerts();
            pushToast('success', importSummaryText(result));
          }}
        />
      )}
      {dialog === 'anchor' && (
        <TrustAnchorDialog
          onClose={() => setDialog(null)}
          onSubmit={async (pem) => run(await importTrustAnchor(pem), 'Imported trust anchor')}
        />
      )}
    </section>
  );
}
