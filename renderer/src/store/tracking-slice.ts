import type { StateCreator } from 'zustand';
import type { TrackResult } from '../../../shared/domain/types';
import { api } from '../lib/api';
import type { AppState } from './index';

/** What tracking one file did: the service's answer, or why the file was refused. */
export interface TrackOutcome {
  /** the file's path (chosen in main's dialog) or name (dropped) */
  source: string;
  result: TrackResult | null;
  error: string | null;
}

/** "Track certificates…": files chosen in main's dialog or dropped on the window while the dialog is open. */
export interface TrackingSlice {
  trackingOpen: boolean;
  trackOutcomes: TrackOutcome[];
  trackBusy: boolean;
  setTrackingOpen: (open: boolean) => void;
  /** a read-file grant from main's open dialog */
  trackFile: (grant: string, path: string) => Promise<void>;
  /** a dropped file's text (DER armoured, see file-drop.ts) */
  trackDropped: (text: string, name: string) => Promise<void>;
  untrackCert: (id: string) => Promise<boolean>;
}

export const createTrackingSlice: StateCreator<AppState, [], [], TrackingSlice> = (set, get) => {
  const run = async (
    source: string,
    call: () => ReturnType<ReturnType<typeof api>['certs']['track']>,
  ): Promise<void> => {
    set({ trackBusy: true });
    const r = await call();
    const outcome: TrackOutcome = r.ok
      ? { source, result: r.value, error: null }
      : { source, result: null, error: r.error.message };
    set({ trackBusy: false, trackOutcomes: [...get().trackOutcomes, outcome] });
    if (r.ok && r.value.added.length) await get().loadCerts();
  };
  return {
    trackingOpen: false,
    trackOutcomes: [],
    trackBusy: false,
    setTrackingOpen: (open) => set({ trackingOpen: open, trackOutcomes: [] }),
    trackFile: (grant, path) => run(path, () => api().certs.track({ fileGrant: grant })),
    trackDropped: (text, name) => run(name, () => api().certs.track({ certPem: text })),
    untrackCert: async (id) => {
      const r = await api().certs.untrack({ id });
      if (!r.ok) {
        get().pushToast('error', `Could not stop tracking: ${r.error.message}`);
        return false;
      }
      get().pushToast('success', `No longer tracking ${r.value.cn}`);
      await get().loadCerts();
      return true;
    },
  };
};
