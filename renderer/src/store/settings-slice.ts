import type { StateCreator } from 'zustand';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/domain/types';
import type { AppErrorShape } from '../../../shared/result';
import { api } from '../lib/api';
import type { AppState } from './index';

export interface SettingsSlice {
  /** DEFAULT_SETTINGS until settings:get answers, so thresholds are always defined */
  settings: Settings;
  settingsLoaded: boolean;
  loadSettings: () => Promise<void>;
  saveSettings: (next: Settings) => Promise<AppErrorShape | null>;
  /** theme is applied before unlock too, so it may change without the vault */
  setThemeLocal: (theme: Settings['theme']) => void;
}

export const createSettingsSlice: StateCreator<AppState, [], [], SettingsSlice> = (set, get) => ({
  settings: DEFAULT_SETTINGS,
  settingsLoaded: false,
  loadSettings: async () => {
    const r = await api().settings.get({});
    if (r.ok) set({ settings: r.value, settingsLoaded: true });
  },
  saveSettings: async (next) => {
    const r = await api().settings.set(next);
    if (!r.ok) return r.error;
    set({ settings: r.value, settingsLoaded: true });
    get().pushToast('success', 'Settings saved');
    return null;
  },
  setThemeLocal: (theme) => set({ settings: { ...get().settings, theme } }),
});
