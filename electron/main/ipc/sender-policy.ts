import { isAppUrl } from '../app-origin';

/** The parts of Electron's WebFrameMain the sender check reads. */
export interface SenderFrameLike {
  url: string;
  parent: unknown;
}

/**
 * Checklist #17: an IPC call is served only when it comes from the app's own top-level page. A frame that
 * has navigated elsewhere, a subframe, or a frame already gone (`senderFrame` is null once destroyed) is
 * refused.
 */
export function isTrustedSender(frame: SenderFrameLike | null | undefined): boolean {
  if (!frame) return false;
  return frame.parent === null && isAppUrl(frame.url);
}
