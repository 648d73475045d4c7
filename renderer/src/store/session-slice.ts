import type { StateCreator } from 'zustand';
import type { AppInfo } from '../../../shared/domain/types';
import { api } from '../lib/api';

export interface SessionSlice {
  appInfo: AppInfo | null;
  appError: string | null;
  loadAppInfo: () => Promise<void>;
}

export const createSessionSlice: StateCreator<SessionSlice, [], [], SessionSlice> = (set) => ({
  appInfo: null,
  appError: null,
  loadAppInfo: async () => {
    const result = await api().app.info({});
    if (result.ok) set({ appInfo: result.value, appError: null });
    else set({ appError: result.error.message });
  },
});
