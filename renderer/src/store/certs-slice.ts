import type { StateCreator } from 'zustand';
import type { DashboardSummary } from '../../../shared/domain/dashboard-summary';
import type { CertDetail, CertSummary, CrlInfo, IssueResult } from '../../../shared/domain/types';
import { colonHex } from '../components/format';
import { api } from '../lib/api';
import { inIdleTime } from '../lib/idle';
import type { AppState } from './index';
import { inventorySearch } from './inventory-search';
import { serviceClock } from './session-slice';
import { singleFlight } from './single-flight';

export type LoadState = 'idle' | 'loading' | 'ready' | 'error';

export interface RenewalOutcome {
  old: { id: string; cn: string; serial: string };
  result: IssueResult;
}

/**
 * Cache of what main owns: the dashboard's summary, the certificate list, CRL status per CA and the open
 * certificate's detail.
 */
export interface CertsSlice {
  /** main's dashboard model (dashboard:summary); null until its first answer after an unlock */
  dashboard: DashboardSummary | null;
  dashboardState: LoadState;
  dashboardError: string | null;
  certs: CertSummary[];
  certsState: LoadState;
  certsError: string | null;
  crls: Record<string, CrlInfo | null>;
  detail: { id: string; data: CertDetail | null; error: string | null } | null;
  loadDashboard: () => Promise<void>;
  loadCerts: () => Promise<void>;
  /**
   * After an unlock or a change in main: the dashboard's summary first when the dashboard is showing (a few
   * kilobytes, so it is complete before the list has crossed), then the list every other page reads. Opening
   * the dashboard later fetches its summary then (ui-slice navigate).
   */
  refreshInventory: () => Promise<void>;
  /**
   * CRL state of `cas` that hold a key; default: every such CA in the list, or among the dashboard's
   * authorities while the list has not arrived
   */
  loadCrls: (cas?: readonly CertSummary[]) => Promise<void>;
  loadDetail: (id: string) => Promise<void>;
  /** certs:renew with the defaults (same subject/SANs/profile, new key), then a toast and a refetch */
  renewCert: (id: string) => Promise<IssueResult | null>;
  /** the last renewal, until the operator settles what happens to the certificate it superseded */
  renewal: RenewalOutcome | null;
  /** closes the renewal result; with revokeOld the superseded certificate is revoked (reason superseded) */
  settleRenewal: (revokeOld: boolean) => Promise<void>;
  /** crl:generate with the configured next-update days, then a toast and a CRL-state refetch */
  generateCrl: (caId: string) => Promise<void>;
  /** forget everything read from the vault (lock) */
  clearVaultData: () => void;
}

/** What the slice holds before an unlock and after a lock: nothing read from the vault. */
const NO_VAULT_DATA = {
  dashboard: null,
  dashboardState: 'idle',
  dashboardError: null,
  certs: [],
  certsState: 'idle',
  certsError: null,
  crls: {},
  detail: null,
  renewal: null,
} as const satisfies Partial<CertsSlice>;

export const createCertsSlice: StateCreator<AppState, [], [], CertsSlice> = (set, get) => {
  const loadDashboard = singleFlight(async () => {
    if (get().dashboardState !== 'ready') set({ dashboardState: 'loading' });
    const result = await api().dashboard.summary({});
    if (!result.ok) return set({ dashboardState: 'error', dashboardError: result.error.message });
    set({
      dashboard: result.value,
      dashboardState: 'ready',
      dashboardError: null,
      nowMs: serviceClock(get()),
    });
  });
  // 'certs:changed' can arrive in bursts (bulk issuance): one request in flight, at most one queued after it.
  const loadCerts = singleFlight(async () => {
    if (get().certsState !== 'ready') set({ certsState: 'loading' });
    const result = await api().certs.list({});
    if (!result.ok) return set({ certsState: 'error', certsError: result.error.message });
    const certs = result.value;
    set({ certs, certsState: 'ready', certsError: null, nowMs: serviceClock(get()) });
    // The Certificates search needs a key per certificate: built while the operator reads the dashboard.
    inIdleTime(
      (timeRemaining) => inventorySearch(certs).buildKeys(timeRemaining),
      () => get().certs === certs,
    );
  });

  return {
    ...NO_VAULT_DATA,
    loadDashboard,
    loadCerts,
    refreshInventory: async () => {
      if (get().route === 'dashboard') await loadDashboard();
      await loadCerts();
    },
    loadCrls: async (
      cas = get().certsState === 'ready' ? get().certs : (get().dashboard?.authorities ?? []),
    ) => {
      const withKeys = cas.filter((c) => c.kind === 'ca' && c.hasKey);
      const entries = await Promise.all(
        withKeys.map(async (ca) => {
          const r = await api().crl.latest({ caId: ca.id });
          return [ca.id, r.ok ? r.value : null] as const;
        }),
      );
      set({ crls: Object.fromEntries(entries) });
    },
    loadDetail: async (id) => {
      const current = get().detail;
      set({ detail: { id, data: current?.id === id ? current.data : null, error: null } });
      const r = await api().certs.get({ id });
      if (get().detail?.id !== id) return;
      set({
        detail: r.ok ? { id, data: r.value, error: null } : { id, data: null, error: r.error.message },
        nowMs: serviceClock(get()),
      });
    },
    renewCert: async (id) => {
      const r = await api().certs.renew({ id });
      if (!r.ok) {
        get().pushToast('error', `Renewal failed: ${r.error.message}`);
        return null;
      }
      get().pushToast(
        'success',
        `Renewed ${r.value.summary.cn}: new serial ${colonHex(r.value.summary.serial)}`,
      );
      // Renewed from the dashboard before the list arrived: the row's summary came with the dashboard's.
      const old =
        get().certs.find((c) => c.id === id) ??
        get().dashboard?.expiring.mostUrgent.find((i) => i.cert.id === id)?.cert;
      if (old && !old.revoked)
        set({ renewal: { old: { id, cn: old.cn, serial: old.serial }, result: r.value } });
      await get().refreshInventory();
      return r.value;
    },
    settleRenewal: async (revokeOld) => {
      const renewal = get().renewal;
      if (!renewal) return;
      if (!revokeOld) {
        set({ renewal: null });
        return;
      }
      const { old } = renewal;
      const r = await api().certs.revoke({ id: old.id, reason: 'superseded' });
      if (!r.ok) {
        get().pushToast('error', `Could not revoke the old ${old.cn}: ${r.error.message}`);
        return;
      }
      set({ renewal: null });
      get().pushToast(
        'success',
        `Revoked the old ${old.cn} (serial ${colonHex(old.serial)}) as superseded. Generate a new CRL for its CA to publish it.`,
      );
      await get().refreshInventory();
    },
    generateCrl: async (caId) => {
      const r = await api().crl.generate({ caId });
      if (!r.ok) {
        get().pushToast('error', `CRL generation failed: ${r.error.message}`);
        return;
      }
      get().pushToast(
        'success',
        `CRL #${r.value.number} generated; next update ${r.value.nextUpdate.slice(0, 10)}`,
      );
      await get().loadCrls();
    },
    clearVaultData: () => {
      set(NO_VAULT_DATA);
      get().clearAudit();
      get().clearInspect();
    },
  };
};
