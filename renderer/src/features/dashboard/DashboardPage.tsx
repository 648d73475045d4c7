import { useEffect, useMemo, useState } from 'react';
import type { CertStatus } from '../../../../shared/domain/types';
import { dashboardSummary } from '../../../../shared/domain/dashboard-summary';
import { Button, EmptyState } from '../../components';
import { useAppStore } from '../../store';
import { caHealth } from '../../store/selectors';
import { api } from '../../lib/api';
import { AuditBreakWarning } from './AuditBreakWarning';
import { CalendarExport } from './CalendarExport';
import { CaHealthTable } from './CaHealthTable';
import { ExpiringList } from './ExpiringList';
import { ExpiryTimeline } from './ExpiryTimeline';
import { RecentActivity } from './RecentActivity';
import { StatusCounts } from './StatusCounts';
import { WriteButton } from '../vault/WriteButton';

export function DashboardPage(): React.JSX.Element {
  const dashboard = useAppStore((s) => s.dashboard);
  const dashboardState = useAppStore((s) => s.dashboardState);
  const dashboardError = useAppStore((s) => s.dashboardError);
  const thresholds = useAppStore((s) => s.settings.thresholds);
  const nowMs = useAppStore((s) => s.nowMs);
  const crls = useAppStore((s) => s.crls);
  const recent = useAppStore((s) => s.recentAudit);
  const breaks = useAppStore((s) => s.auditBreaks);
  const {
    loadDashboard,
    loadCrls,
    loadRecentAudit,
    loadAuditBreaks,
    renewCert,
    openCert,
    navigate,
    setInventory,
    generateCrl,
    pushToast,
  } = useAppStore.getState();
  const [renewing, setRenewing] = useState<ReadonlySet<string>>(new Set());
  const [generating, setGenerating] = useState<ReadonlySet<string>>(new Set());

  // Fetching (not deriving): CRL state and the audit tail live in main. CRL state changes with the certificate
  // list (main's certs:changed refreshes it); the audit tail is loaded here once and then refreshed by main's
  // audit:appended, which follows every operation that wrote an entry (certificate changes included).
  useEffect(() => {
    void loadAuditBreaks();
    void loadRecentAudit();
  }, [loadAuditBreaks, loadRecentAudit]);
  const openBreaks = useMemo(() => breaks.filter((b) => !b.acknowledged), [breaks]);
  useEffect(() => {
    if (dashboard) void loadCrls(dashboard.authorities);
  }, [dashboard, loadCrls]);

  const now = useMemo(() => new Date(nowMs), [nowMs]);
  // Main's summary (dashboard:summary); until its first answer, the summary of no certificates: zero cards
  // and an empty timeline, as before any list had arrived.
  const summary = useMemo(
    () => dashboard ?? dashboardSummary([], now, thresholds),
    [dashboard, now, thresholds],
  );
  const health = useMemo(
    () => caHealth(summary.authorities, crls, now, thresholds),
    [summary, crls, now, thresholds],
  );

  const renew = async (id: string): Promise<void> => {
    setRenewing((s) => new Set(s).add(id));
    await renewCert(id);
    setRenewing((s) => {
      const next = new Set(s);
      next.delete(id);
      return next;
    });
  };
  const publishCrl = async (caId: string): Promise<void> => {
    setGenerating((s) => new Set(s).add(caId));
    await generateCrl(caId);
    setGenerating((s) => {
      const next = new Set(s);
      next.delete(caId);
      return next;
    });
  };
  const exportCalendar = async (leadDays: number): Promise<string | null> => {
    const choice = await api().dialog.saveFile({
      title: 'Export renewal reminders to a calendar file',
      defaultName: 'certdesk-renewals.ics',
      filters: [{ name: 'iCalendar', extensions: ['ics'] }],
    });
    if (!choice.ok) return choice.error.message;
    if (!choice.value.grant) return null;
    // main's save dialog already asked before replacing an existing file
    const r = await api().export.calendar({ fileGrant: choice.value.grant, leadDays, overwrite: true });
    if (!r.ok) return r.error.message;
    pushToast('success', `Saved ${r.value.events} renewal reminder(s) to ${r.value.path}`);
    return null;
  };
  const showStatus = (status: CertStatus): void => {
    navigate('certificates');
    setInventory({ status, text: '', issuerId: '', profile: '', mode: 'list' });
  };

  return (
    <div className="page" aria-labelledby="dashboard-title">
      <div className="page-header">
        <h2 id="dashboard-title">Dashboard</h2>
        <span className="spacer" />
        {summary.total > 0 && <CalendarExport onExport={exportCalendar} />}
      </div>
      {openBreaks.length > 0 && <AuditBreakWarning breaks={openBreaks} onReview={() => navigate('audit')} />}
      {dashboardState === 'error' && (
        <div className="alert alert-error" role="alert">
          Could not load the dashboard: {dashboardError}{' '}
          <Button small onClick={() => void loadDashboard()}>
            Retry
          </Button>
        </div>
      )}
      {dashboardState === 'ready' && summary.total === 0 ? (
        <EmptyState
          title="No certificates yet"
          action={
            <>
              <WriteButton variant="primary" onClick={() => navigate('authorities')}>
                Create a CA
              </WriteButton>
              <WriteButton onClick={() => navigate('issue')}>Issue a certificate</WriteButton>
            </>
          }
        >
          Start by creating a root CA (or importing the one you have) under Authorities, then issue server and
          client certificates from it.
        </EmptyState>
      ) : (
        <>
          <StatusCounts counts={summary.counts} total={summary.total} onSelect={showStatus} />
          <ExpiringList
            expiring={summary.expiring}
            warningDays={thresholds.warning}
            noticeDays={thresholds.notice}
            onShowAll={(status) => {
              navigate('certificates');
              setInventory({
                status,
                text: '',
                issuerId: '',
                profile: '',
                mode: 'list',
                sort: { key: 'daysLeft', dir: 'asc' },
              });
            }}
            renewing={renewing}
            onRenew={(id) => void renew(id)}
            onOpen={openCert}
          />
          <ExpiryTimeline timeline={summary.timeline} />
          <div className="grid-2">
            <CaHealthTable
              rows={health}
              onOpen={openCert}
              onGenerateCrl={(id) => void publishCrl(id)}
              generating={generating}
            />
            <RecentActivity entries={recent} onShowAll={() => navigate('audit')} />
          </div>
        </>
      )}
    </div>
  );
}
