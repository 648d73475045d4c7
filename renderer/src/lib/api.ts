import type { CertDeskApi } from '../../../shared/ipc/contract';

declare global {
  interface Window {
    certdesk?: CertDeskApi;
  }
}

/** The only reader of window.certdesk: installed by the preload (Electron) or the e2e harness. */
export function api(): CertDeskApi {
  const bridge = window.certdesk;
  if (!bridge) throw new Error('CertDesk bridge (window.certdesk) is not available');
  return bridge;
}
