import { useDeferredValue, useEffect, useMemo, useRef, useState } from 'react';
import type { SortKey } from '../../../../shared/domain/inventory-query';
import { Button, EmptyState, Tabs } from '../../components';
import { useAppStore } from '../../store';
import { hierarchy, inventoryRows, issuerOptions } from '../../store/selectors';
import { CertInspectorPage } from '../inspect/CertInspectorPage';
import { HierarchyTree } from './HierarchyTree';
import { InventoryList } from './InventoryList';
import { InventoryToolbar } from './InventoryToolbar';
import { TrackDialog } from './TrackDialog';
import { WriteButton } from '../vault/WriteButton';

export function CertificatesPage(): React.JSX.Element {
  const openCertId = useAppStore((s) => s.openCertId);
  // Back (or Escape) from a certificate removes the button that was pressed: focus returns to that
  // certificate's row, so the keyboard continues where it left the list.
  const [shownId, setShownId] = useState(openCertId);
  const [returnFocusId, setReturnFocusId] = useState<string | null>(null);
  if (openCertId !== shownId) {
    setShownId(openCertId);
    setReturnFocusId(openCertId ? null : shownId);
  }
  if (openCertId) return <CertInspectorPage id={openCertId} />;
  return <InventoryPage returnFocusId={returnFocusId} onFocusReturned={() => setReturnFocusId(null)} />;
}

function InventoryPage({
  returnFocusId,
  onFocusReturned,
}: {
  returnFocusId: string | null;
  onFocusReturned: () => void;
}): React.JSX.Element {
  const certs = useAppStore((s) => s.certs);
  const certsState = useAppStore((s) => s.certsState);
  const certsError = useAppStore((s) => s.certsError);
  const view = useAppStore((s) => s.inventory);
  const thresholds = useAppStore((s) => s.settings.thresholds);
  const nowMs = useAppStore((s) => s.nowMs);
  const trackingOpen = useAppStore((s) => s.trackingOpen);
  const trackOutcomes = useAppStore((s) => s.trackOutcomes);
  const trackBusy = useAppStore((s) => s.trackBusy);
  const { setInventory, openCert, navigate, loadCerts, setTrackingOpen, trackFile } = useAppStore.getState();

  const now = useMemo(() => new Date(nowMs), [nowMs]);
  // Typing stays responsive at 10,000 rows: the list re-derives from a deferred copy of the query.
  const query = useDeferredValue(view);
  const rows = useMemo(() => inventoryRows(certs, query, now, thresholds), [certs, query, now, thresholds]);
  const issuers = useMemo(() => issuerOptions(certs), [certs]);
  const tree = useMemo(() => (query.mode === 'tree' ? hierarchy(rows) : []), [rows, query.mode]);

  const treeRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!returnFocusId || view.mode !== 'tree') return;
    treeRef.current?.querySelector<HTMLElement>(`[data-cert-id="${CSS.escape(returnFocusId)}"]`)?.focus();
    onFocusReturned();
  }, [returnFocusId, view.mode, onFocusReturned]);

  const onSort = (key: SortKey): void =>
    setInventory({ sort: { key, dir: view.sort.key === key && view.sort.dir === 'asc' ? 'desc' : 'asc' } });

  let body: React.JSX.Element;
  if (certsState === 'error') {
    body = (
      <div className="alert alert-error" role="alert">
        Could not load the certificate list: {certsError}{' '}
        <Button small onClick={() => void loadCerts()}>
          Retry
        </Button>
      </div>
    );
  } else if (certsState === 'ready' && certs.length === 0) {
    body = (
      <EmptyState
        title="No certificates in this vault"
        action={
          <>
            <WriteButton variant="primary" onClick={() => navigate('authorities')}>
              Create a CA
            </WriteButton>
            <WriteButton onClick={() => navigate('issue')}>Issue a certificate</WriteButton>
          </>
        }
      >
        Create or import a CA first; every certificate you issue then appears here.
      </EmptyState>
    );
  } else if (rows.length === 0 && certsState === 'ready') {
    body = (
      <EmptyState
        title="No certificate matches"
        action={
          <Button onClick={() => setInventory({ text: '', status: '', issuerId: '', profile: '' })}>
            Clear filters
          </Button>
        }
      >
        Nothing matches the search and filters above. Search looks at CN, SANs, serial and SHA-256
        fingerprint.
      </EmptyState>
    );
  } else if (query.mode === 'tree') {
    body = (
      <div ref={treeRef}>
        <HierarchyTree nodes={tree} now={now} thresholds={thresholds} onOpen={openCert} />
      </div>
    );
  } else {
    body = (
      <InventoryList
        rows={rows}
        now={now}
        thresholds={thresholds}
        sort={view.sort}
        onSort={onSort}
        onOpen={openCert}
        focusId={returnFocusId}
        onFocused={onFocusReturned}
      />
    );
  }

  return (
    <div className="page">
      <div className="page-header">
        <h2>Certificates</h2>
        <span className="spacer" />
        <WriteButton onClick={() => setTrackingOpen(true)}>Track certificates…</WriteButton>
        <WriteButton variant="primary" onClick={() => navigate('issue')}>
          Issue certificate
        </WriteButton>
      </div>
      {trackingOpen && (
        <TrackDialog
          outcomes={trackOutcomes}
          busy={trackBusy}
          onFile={trackFile}
          onOpen={(id) => {
            setTrackingOpen(false);
            openCert(id);
          }}
          onClose={() => setTrackingOpen(false)}
        />
      )}
      <InventoryToolbar
        view={view}
        issuers={issuers}
        shown={rows.length}
        total={certs.length}
        onChange={setInventory}
      />
      <Tabs
        label="View"
        tabs={[
          { id: 'list', label: 'List' },
          { id: 'tree', label: 'Hierarchy' },
        ]}
        selected={view.mode}
        onSelect={(mode) => setInventory({ mode })}
      >
        {body}
      </Tabs>
    </div>
  );
}
