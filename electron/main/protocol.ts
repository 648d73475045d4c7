import type { CustomScheme, Protocol } from 'electron';
import { APP_SCHEME } from './app-origin';
import { rendererResponse } from './protocol-paths';

/**
 * app:// is `standard` (a real origin, relative URLs, same-origin module scripts) and `secure` (a secure
 * context). It does not bypass the CSP and gets no service workers. `corsEnabled` stays off: in Electron it
 * lets other origins READ the scheme cross-origin (no Access-Control-Allow-Origin check is made on protocol
 * responses), and the renderer's own same-origin module loads do not need it.
 */
export const APP_SCHEME_DEFINITION: CustomScheme = {
  scheme: APP_SCHEME,
  privileges: {
    standard: true,
    secure: true,
    supportFetchAPI: true,
    corsEnabled: false,
    bypassCSP: false,
    allowServiceWorkers: false,
    stream: false,
    codeCache: false,
    allowExtensions: false,
  },
};

/** Must run before `app` is ready: Electron only accepts privileged schemes then. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([APP_SCHEME_DEFINITION]);
}

/** Serves dist/renderer on app://certdesk/ (see protocol-paths.ts for path checks and headers). */
export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => rendererResponse(rendererDir, request));
}
