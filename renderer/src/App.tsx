import { useEffect } from 'react';
import { useAppStore } from './store';

export function App(): React.JSX.Element {
  const appInfo = useAppStore((s) => s.appInfo);
  const appError = useAppStore((s) => s.appError);
  const loadAppInfo = useAppStore((s) => s.loadAppInfo);

  useEffect(() => {
    void loadAppInfo();
  }, [loadAppInfo]);

  useEffect(() => {
    if (appInfo) document.title = `CertDesk ${appInfo.version}`;
  }, [appInfo]);

  return (
    <div className="shell" data-app-state={appInfo ? 'ready' : 'loading'}>
      <header className="shell-header">
        <h1>CertDesk</h1>
        {appInfo && (
          <span className="shell-meta" aria-label="Application version">
            v{appInfo.version} · {appInfo.platform} · vault {appInfo.vault.state}
          </span>
        )}
      </header>
      <main className="shell-main">
        {appError && <p role="alert">{appError}</p>}
        {appInfo?.vault.state === 'none' && (
          <section className="empty-state" aria-labelledby="empty-title">
            <h2 id="empty-title">Create or open a vault</h2>
            <p>Your CA keys live in an encrypted vault on this workstation.</p>
          </section>
        )}
      </main>
    </div>
  );
}
