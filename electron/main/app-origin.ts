/**
 * The renderer's one origin. Chromium refuses Vite's `<script type="module">` from file:// and the
 * GrantFileProtocolExtraPrivileges fuse stays off, so the built renderer is served from a privileged custom
 * scheme instead (Electron security checklist #18).
 */
export const APP_SCHEME = 'app';
export const APP_HOST = 'certdesk';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_ENTRY_URL = `${APP_ORIGIN}/index.html`;

/**
 * True only for URLs on the app origin. Compares scheme and host rather than `URL.origin`, which WHATWG
 * defines as the opaque "null" for non-special schemes such as app:.
 */
export function isAppUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return (
    parsed.protocol === `${APP_SCHEME}:` &&
    parsed.host === APP_HOST &&
    parsed.username === '' &&
    parsed.password === '' &&
    parsed.port === ''
  );
}
