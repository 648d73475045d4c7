import { isAppUrl } from './app-origin';

/**
 * Where the app's own frames may navigate: only within the app origin. Everything else — remote sites,
 * file:// (a dropped file would otherwise replace the app), javascript:, data: — is refused (Electron
 * security checklist #13). Pure so it is unit-tested without the Electron binary; security.ts applies it to
 * will-navigate, will-frame-navigate and will-redirect.
 */
export function isAllowedNavigation(url: string): boolean {
  return isAppUrl(url);
}

export interface RequestPolicyOptions {
  /** DevTools pages (devtools://) load only when DevTools are enabled, i.e. never in packaged builds */
  allowDevTools: boolean;
}

/**
 * Which requests the session lets through (checklist #1, "no remote content"): the app origin, and data:
 * URLs, which the CSP still limits to images. Remote schemes (http, https, ws, ftp) and file:// are cancelled
 * even if a future CSP mistake allowed them.
 */
export function isAllowedRequest(url: string, options: RequestPolicyOptions): boolean {
  if (isAppUrl(url)) return true;
  const scheme = url.slice(0, url.indexOf(':') + 1).toLowerCase();
  if (scheme === 'data:') return true;
  if (scheme === 'devtools:') return options.allowDevTools;
  return false;
}

/** What setWindowOpenHandler answers for every request: the app never opens a second window (checklist #14). */
export const WINDOW_OPEN_RESPONSE = { action: 'deny' } as const;
