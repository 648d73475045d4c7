import type { StateCreator } from 'zustand';
import type { AuditBreak, AuditEntry, AuditVerifyResult } from '../../../shared/domain/types';
import type { AppErrorShape } from '../../../shared/result';
import { api } from '../lib/api';
import type { LoadState } from './certs-slice';
import type { AppState } from './index';
import { singleFlight } from './single-flight';

/** Audit entries the dashboard reads for "recent activity"; consecutive repeats fold into one line each. */
export const RECENT_AUDIT_LIMIT = 200;
/** The audit view reads at most this many entries; the log itself is unbounded. */
export const AUDIT_VIEW_LIMIT = 5000;

export interface AuditSlice {
  auditEntries: AuditEntry[];
  auditState: LoadState;
  auditError: string | null;
  /** operation filter applied by main (audit:list { operation }) */
  auditOperation: string;
  auditVerify: AuditVerifyResult | null;
  recentAudit: AuditEntry[];
  /** every break main recorded in the vault; the unacknowledged ones are shown until acknowledged */
  auditBreaks: AuditBreak[];
  loadAuditBreaks: () => Promise<void>;
  /** main names the break and asks; null when acknowledged, the error (CANCELLED when declined) otherwise */
  acknowledgeAuditBreak: (id: string) => Promise<AppErrorShape | null>;
  loadAudit: (operation?: string) => Promise<void>;
  verifyAudit: () => Promise<void>;
  loadRecentAudit: () => Promise<void>;
  clearAudit: () => void;
}

export const createAuditSlice: StateCreator<AppState, [], [], AuditSlice> = (set, get) => {
  // audit:appended arrives once per operation, so a batch sends a burst: one request in flight, one queued.
  const loadRecentAudit = singleFlight(async () => {
    const r = await api().audit.list({ limit: RECENT_AUDIT_LIMIT });
    if (r.ok) set({ recentAudit: r.value });
  });
  // Only the newest audit view request may fill the view: an older answer can arrive after a newer one.
  let auditRequest = 0;

  return {
    auditEntries: [],
    auditState: 'idle',
    auditError: null,
    auditOperation: '',
    auditVerify: null,
    recentAudit: [],
    auditBreaks: [],
    loadAuditBreaks: async () => {
      const r = await api().audit.breaks({});
      if (r.ok) set({ auditBreaks: r.value });
    },
    acknowledgeAuditBreak: async (id) => {
      const r = await api().audit.acknowledge({ id });
      if (!r.ok) return r.error;
      set({ auditVerify: null });
      await Promise.all([get().loadAuditBreaks(), get().loadAudit(), get().loadRecentAudit()]);
      get().pushToast('success', 'Audit break acknowledged; the acknowledgement is in the audit log.');
      return null;
    },
    loadAudit: async (operation) => {
      const op = operation ?? get().auditOperation;
      const request = ++auditRequest;
      set({ auditOperation: op, auditState: 'loading' });
      const r = await api().audit.list(
        op ? { operation: op, limit: AUDIT_VIEW_LIMIT } : { limit: AUDIT_VIEW_LIMIT },
      );
      if (request !== auditRequest) return;
      if (r.ok) set({ auditEntries: r.value, auditState: 'ready', auditError: null });
      else set({ auditState: 'error', auditError: r.error.message });
    },
    verifyAudit: async () => {
      const r = await api().audit.verify({});
      if (r.ok) set({ auditVerify: r.value });
      else set({ auditVerify: { ok: false, entries: 0, message: r.error.message } });
    },
    loadRecentAudit,
    clearAudit: () =>
      set({
        auditEntries: [],
        auditState: 'idle',
        auditVerify: null,
        recentAudit: [],
        auditBreaks: [],
        auditError: null,
      }),
  };
};
