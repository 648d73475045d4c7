import type { StateCreator } from 'zustand';
import type { CertStatus, Profile } from '../../../shared/domain/types';
import type { InventorySort } from '../../../shared/domain/inventory-query';
import type { AppState } from './index';

export const ROUTES = [
  'dashboard',
  'certificates',
  'issue',
  'batch',
  'authorities',
  'inspect',
  'check',
  'audit',
  'settings',
] as const;
export type Route = (typeof ROUTES)[number];

/**
 * The Status filter: one status, `later` for the certificates due later (expiry.ts dueLater: valid, inside
 * the notice threshold but not the warning one), or '' for all.
 */
export type StatusFilter = CertStatus | 'later' | '';

export interface InventoryView {
  text: string;
  status: StatusFilter;
  issuerId: string;
  /** a profile, or `tracked` for certificates issued elsewhere */
  profile: Profile | 'tracked' | '';
  sort: InventorySort;
  mode: 'list' | 'tree';
}

export const DEFAULT_INVENTORY_VIEW: InventoryView = {
  text: '',
  status: '',
  issuerId: '',
  profile: '',
  sort: { key: 'notAfter', dir: 'asc' },
  mode: 'list',
};

/** Navigation and view state that belongs to the renderer alone. */
export interface UiSlice {
  route: Route;
  /** certificate open in the detail inspector (within the Certificates route) */
  openCertId: string | null;
  inventory: InventoryView;
  shortcutsOpen: boolean;
  /** which form the vault gate shows when no vault is open */
  gateTab: 'create' | 'open';
  /** the native menu asked for Export… while a certificate is open; the inspector consumes it */
  exportRequested: number;
  navigate: (route: Route) => void;
  openCert: (id: string) => void;
  closeCert: () => void;
  setInventory: (patch: Partial<InventoryView>) => void;
  setShortcutsOpen: (open: boolean) => void;
  setGateTab: (tab: 'create' | 'open') => void;
  requestExport: () => void;
}

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set, get) => ({
  route: 'dashboard',
  openCertId: null,
  inventory: DEFAULT_INVENTORY_VIEW,
  shortcutsOpen: false,
  gateTab: 'create',
  exportRequested: 0,
  navigate: (route) => {
    const from = get().route;
    set({ route, openCertId: null });
    // The summary follows changes and the clock only while the dashboard shows (refreshInventory, tick):
    // opening the dashboard asks main for a current one.
    if (route === 'dashboard' && from !== 'dashboard' && get().vault.state === 'unlocked')
      void get().loadDashboard();
  },
  openCert: (id) => {
    set({ route: 'certificates', openCertId: id });
    void get().loadDetail(id);
  },
  closeCert: () => set({ openCertId: null }),
  setInventory: (patch) => set({ inventory: { ...get().inventory, ...patch } }),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
  setGateTab: (gateTab) => set({ gateTab }),
  requestExport: () => set({ exportRequested: get().exportRequested + 1 }),
});
