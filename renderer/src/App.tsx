import { useEffect } from 'react';
import { Toasts } from './components';
import { AuditPage } from './features/audit/AuditPage';
import { BatchPage } from './features/batch/BatchPage';
import { CaPage } from './features/ca/CaPage';
import { HandshakeCheckPage } from './features/check/HandshakeCheckPage';
import { DashboardPage } from './features/dashboard/DashboardPage';
import { InspectPage } from './features/inspect/InspectPage';
import { CertificatesPage } from './features/inventory/CertificatesPage';
import { IssuePage } from './features/issuance/IssuePage';
import { Header } from './features/layout/Header';
import { ShortcutsDialog } from './features/layout/ShortcutsDialog';
import { SkipLink } from './features/layout/SkipLink';
import { SideNav } from './features/layout/SideNav';
import { useActivityHeartbeat } from './features/layout/use-activity-heartbeat';
import { useClock } from './features/layout/use-clock';
import { useFileDrop } from './features/layout/use-file-drop';
import { useShortcuts } from './features/layout/use-shortcuts';
import { useTheme } from './features/layout/use-theme';
import { RenewalResult } from './features/renewal/RenewalResult';
import { SettingsPage } from './features/settings/SettingsPage';
import { ReadOnlyBanner } from './features/vault/ReadOnlyBanner';
import { VaultPage } from './features/vault/VaultPage';
import { useAppStore } from './store';
import { subscribeToMain } from './store/events';
import type { Route } from './store/ui-slice';

const PAGES: Record<Route, () => React.JSX.Element> = {
  dashboard: DashboardPage,
  certificates: CertificatesPage,
  issue: IssuePage,
  batch: BatchPage,
  authorities: CaPage,
  inspect: InspectPage,
  check: HandshakeCheckPage,
  audit: AuditPage,
  settings: SettingsPage,
};

export function App(): React.JSX.Element {
  const appInfo = useAppStore((s) => s.appInfo);
  const appError = useAppStore((s) => s.appError);
  const vault = useAppStore((s) => s.vault);
  const route = useAppStore((s) => s.route);
  const theme = useAppStore((s) => s.settings.theme);
  const toasts = useAppStore((s) => s.toasts);
  const shortcutsOpen = useAppStore((s) => s.shortcutsOpen);
  const renewal = useAppStore((s) => s.renewal);
  const trackingOpen = useAppStore((s) => s.trackingOpen);
  const { loadAppInfo, lockVault, navigate, dismissToast, setShortcutsOpen, settleRenewal, openCert } =
    useAppStore.getState();
  const unlocked = vault.state === 'unlocked';

  useEffect(() => {
    void loadAppInfo();
    return subscribeToMain(useAppStore);
  }, [loadAppInfo]);
  useEffect(() => {
    if (appInfo) document.title = `CertDesk ${appInfo.version}`;
  }, [appInfo]);
  useTheme(theme);
  useClock();
  useShortcuts();
  const dragging = useFileDrop(unlocked);
  useActivityHeartbeat(unlocked);

  const Page = PAGES[route];
  return (
    <div className="shell" data-app-state={appInfo ? 'ready' : 'loading'} data-vault-state={vault.state}>
      <SkipLink />
      <Header
        appInfo={appInfo}
        vault={vault}
        onLock={() => void lockVault()}
        onShowShortcuts={() => setShortcutsOpen(true)}
      />
      {unlocked ? (
        <div className="shell-body">
          <SideNav route={route} onNavigate={navigate} platform={appInfo?.platform} />
          <main className="shell-main" id="main" tabIndex={-1}>
            {vault.readOnly && <ReadOnlyBanner reason={vault.readOnly} onLock={() => void lockVault()} />}
            {renewal && (
              <RenewalResult
                key={renewal.result.summary.id}
                renewal={renewal}
                onSettle={settleRenewal}
                onOpen={openCert}
              />
            )}
            <Page />
          </main>
        </div>
      ) : (
        <main className="shell-main" id="main" tabIndex={-1}>
          {appError && (
            <p className="alert alert-error" role="alert">
              {appError}
            </p>
          )}
          {appInfo && <VaultPage />}
        </main>
      )}
      {dragging && (
        <div className="drop-overlay" aria-hidden="true">
          {trackingOpen ? 'Drop to track the certificates' : 'Drop to inspect the file'}
        </div>
      )}
      <Toasts toasts={toasts} onDismiss={dismissToast} />
      {shortcutsOpen && (
        <ShortcutsDialog onClose={() => setShortcutsOpen(false)} platform={appInfo?.platform} />
      )}
    </div>
  );
}
