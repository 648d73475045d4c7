import type { App, Event, Session, WebContents } from 'electron';
import { isAllowedNavigation, isAllowedRequest, WINDOW_OPEN_RESPONSE } from './navigation-policy';
import { isDeviceAccessGranted, isPermissionGranted } from './permission-policy';

export interface SecurityOptions {
  /** DevTools allowed (development builds only) */
  allowDevTools: boolean;
  /** told about every refusal, for the log; never given request bodies */
  onRefused?: (what: string, url: string) => void;
}

type SessionLike = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setDisplayMediaRequestHandler'
  | 'setBluetoothPairingHandler'
  | 'webRequest'
>;

/**
 * Session-wide rules (checklist #1, #5): every permission request, check and device request is refused,
 * and every request that is not app:// (or a data: image the CSP allows) is cancelled before it leaves.
 */
export function hardenSession(session: SessionLike, options: SecurityOptions): void {
  session.setPermissionRequestHandler((contents, permission, callback) => {
    const granted = isPermissionGranted(permission, contents.getURL());
    if (!granted) options.onRefused?.(`permission ${permission}`, contents.getURL());
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission, origin) =>
    isPermissionGranted(permission, origin),
  );
  session.setDevicePermissionHandler((details) => isDeviceAccessGranted(details.deviceType, details.origin));
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }));
  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, options);
    if (!allowed) options.onRefused?.('request', details.url);
    callback({ cancel: !allowed });
  });
}

type ContentsLike = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/**
 * Per-webContents rules (checklist #11–#14), attached to EVERY webContents through `web-contents-created`,
 * so a window or frame created by any path gets them: navigation off the app origin is prevented for the
 * top frame (will-navigate), subframes (will-frame-navigate) and redirects; new windows are denied; a
 * <webview> can never attach.
 */
export function hardenWebContents(
  contents: ContentsLike,
  options: Pick<SecurityOptions, 'onRefused'> = {},
): void {
  const guard =
    (what: string) =>
    (event: Event, url: string): void => {
      if (isAllowedNavigation(url)) return;
      event.preventDefault();
      options.onRefused?.(what, url);
    };
  contents.on('will-navigate', guard('navigation'));
  contents.on('will-redirect', guard('redirect'));
  contents.on('will-frame-navigate', (details) => {
    if (isAllowedNavigation(details.url)) return;
    details.preventDefault();
    options.onRefused?.('frame navigation', details.url);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    options.onRefused?.('webview', '');
  });
  contents.setWindowOpenHandler((details) => {
    options.onRefused?.('new window', details.url);
    return WINDOW_OPEN_RESPONSE;
  });
}

/** Installs hardenWebContents on every webContents the app will ever create. Call before any window opens. */
export function hardenAllWebContents(
  app: Pick<App, 'on'>,
  options: Pick<SecurityOptions, 'onRefused'> = {},
): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, options));
}
