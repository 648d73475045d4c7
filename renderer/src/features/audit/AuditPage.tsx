import { useEffect, useMemo, useState } from 'react';
import { Button, EmptyState, Field, MessageText } from '../../components';
import { useAppStore } from '../../store';
import { AuditBreakBanner } from './AuditBreakBanner';
import { AuditTable } from './AuditTable';

/** Operations the service records (product.md §9); the filter also offers any other name seen in the log. */
const KNOWN_OPERATIONS = [
  'vault.create',
  'vault.unlock',
  'vault.backup',
  'vault.restore',
  'vault.changePassphrase',
  'ca.create',
  'ca.import',
  'ca.importTrustAnchor',
  'certs.issue',
  'certs.signCsr',
  'certs.renew',
  'certs.revoke',
  'certs.track',
  'certs.untrack',
  'crl.generate',
  'export.bundle',
  'export.trustBundle',
  'export.calendar',
  'settings.set',
  'audit.break',
  'audit.acknowledge',
];

export function AuditPage(): React.JSX.Element {
  const entries = useAppStore((s) => s.auditEntries);
  const state = useAppStore((s) => s.auditState);
  const error = useAppStore((s) => s.auditError);
  const operation = useAppStore((s) => s.auditOperation);
  const verify = useAppStore((s) => s.auditVerify);
  const breaks = useAppStore((s) => s.auditBreaks);
  const { loadAudit, verifyAudit, loadAuditBreaks, acknowledgeAuditBreak } = useAppStore.getState();
  const [verifying, setVerifying] = useState(false);
  const [acknowledging, setAcknowledging] = useState<string | null>(null);
  const [ackError, setAckError] = useState<string | null>(null);

  useEffect(() => {
    void loadAudit();
    void loadAuditBreaks();
  }, [loadAudit, loadAuditBreaks]);
  const openBreaks = useMemo(() => breaks.filter((b) => !b.acknowledged), [breaks]);
  const acknowledge = async (id: string): Promise<void> => {
    setAcknowledging(id);
    const error = await acknowledgeAuditBreak(id);
    setAcknowledging(null);
    // Declining main's question is a choice, not a failure: the banner simply stays.
    setAckError(error && error.code !== 'CANCELLED' ? error.message : null);
  };

  // Names seen in the unfiltered log extend the known list, so new operations are filterable too.
  const [seen, setSeen] = useState<string[]>([]);
  const operations = useMemo(
    () => [...new Set([...KNOWN_OPERATIONS, ...seen, ...entries.map((e) => e.operation)])].sort(),
    [entries, seen],
  );
  const onFilter = (op: string): void => {
    if (!operation) setSeen(entries.map((e) => e.operation));
    void loadAudit(op);
  };
  const runVerify = async (): Promise<void> => {
    setVerifying(true);
    await verifyAudit();
    setVerifying(false);
  };
  const newestFirst = useMemo(() => [...entries].sort((a, b) => b.seq - a.seq), [entries]);

  return (
    <div className="page">
      <div className="page-header">
        <h2>Audit log</h2>
        <span className="spacer" />
        <Button variant="primary" busy={verifying} onClick={() => void runVerify()}>
          Verify hash chain
        </Button>
      </div>
      <AuditBreakBanner
        breaks={openBreaks}
        busyId={acknowledging}
        onAcknowledge={(id) => void acknowledge(id)}
      />
      {ackError && (
        <p className="alert alert-error" role="alert">
          Could not acknowledge the break: <MessageText text={ackError} />
        </p>
      )}
      {verify && (
        <p
          className={verify.ok ? 'alert alert-ok' : 'alert alert-error'}
          role="status"
          aria-label="Verification result"
        >
          {verify.ok ? '✓ Verified: ' : '✗ Broken: '}
          <MessageText text={verify.message} />
          {verify.brokenAt !== undefined && ` First broken entry: #${verify.brokenAt}.`}
        </p>
      )}
      <div className="inventory-toolbar">
        <Field label="Operation">
          {(c) => (
            <select {...c} value={operation} onChange={(e) => onFilter(e.target.value)}>
              <option value="">All operations</option>
              {operations.map((op) => (
                <option key={op} value={op}>
                  {op}
                </option>
              ))}
            </select>
          )}
        </Field>
        <p className="muted" role="status">
          {entries.length} entries{operation ? ` for ${operation}` : ''}
        </p>
      </div>
      {state === 'error' && (
        <p className="alert alert-error" role="alert">
          Could not read the audit log: <MessageText text={error ?? ''} />
        </p>
      )}
      {state === 'ready' && entries.length === 0 ? (
        <EmptyState title="No audit entries">
          {operation
            ? `Nothing recorded for ${operation}. Choose "All operations".`
            : 'Operations on this vault will be recorded here.'}
        </EmptyState>
      ) : (
        <div className="panel">
          <AuditTable entries={newestFirst} />
        </div>
      )}
    </div>
  );
}
