/**
 * Issuance wizard, CA list and leaf list for the issuance/CA/check screens. Caches what main owns (the
 * vault's certificates) and the wizard's draft; never a passphrase or key material.
 */
import type { StateCreator } from 'zustand';
import type { CertSummary, CsrView, IssuePreview, IssueResult, Settings } from '../../../shared/domain/types';
import { DEFAULT_SETTINGS } from '../../../shared/domain/types';
import type { Result } from '../../../shared/result';
import { api } from '../lib/api';
import { makeRow, sansToRows } from '../features/issuance/san-rows';
import { choiceForDays } from '../features/issuance/validity-presets';
import { PROFILE_INFO } from '../features/issuance/profile-options';
import {
  EMPTY_SUBJECT,
  issueRequest,
  type IssuanceDraft,
  type SubjectDraft,
  type WizardStep,
} from '../features/issuance/wizard-model';

export interface WizardState {
  step: WizardStep;
  draft: IssuanceDraft;
  csr: CsrView | null;
  csrError: string | null;
  csrBusy: boolean;
  preview: IssuePreview | null;
  previewError: string | null;
  previewBusy: boolean;
  issuing: boolean;
  issueError: string | null;
  result: IssueResult | null;
}

export interface IssuanceSlice {
  authorities: CertSummary[];
  authoritiesLoaded: boolean;
  leaves: CertSummary[];
  pkiError: string | null;
  /** defaults for new drafts (settings:get); DEFAULT_SETTINGS until loaded */
  issuanceDefaults: Pick<Settings, 'defaultKeyAlgorithm' | 'defaultValidityDays'>;
  wizard: WizardState;
  loadAuthorities: () => Promise<void>;
  loadLeaves: () => Promise<void>;
  loadIssuanceDefaults: () => Promise<void>;
  setWizardStep: (step: WizardStep) => void;
  updateDraft: (patch: Partial<IssuanceDraft>) => void;
  readCsr: () => Promise<void>;
  /** copies the CSR's requested subject and SANs into the editable draft */
  applyCsrRequest: () => void;
  loadPreview: () => Promise<void>;
  issue: () => Promise<IssueResult | null>;
  resetWizard: () => void;
}

export function freshDraft(defaults: IssuanceSlice['issuanceDefaults'], caId: string | null = null): IssuanceDraft {
  return {
    caId,
    profile: 'server',
    keyUsages: [...PROFILE_INFO.server.keyUsages],
    extendedKeyUsages: [...PROFILE_INFO.server.extendedKeyUsages],
    subject: { ...EMPTY_SUBJECT },
    sanRows: [makeRow('dns')],
    keyMode: 'generate',
    keyAlgorithm: defaults.defaultKeyAlgorithm,
    csrPem: '',
    validity: choiceForDays(defaults.defaultValidityDays.server),
  };
}

function freshWizard(defaults: IssuanceSlice['issuanceDefaults'], caId: string | null = null): WizardState {
  return {
    step: 'issuer',
    draft: freshDraft(defaults, caId),
    csr: null,
    csrError: null,
    csrBusy: false,
    preview: null,
    previewError: null,
    previewBusy: false,
    issuing: false,
    issueError: null,
    result: null,
  };
}

const DEFAULTS = {
  defaultKeyAlgorithm: DEFAULT_SETTINGS.defaultKeyAlgorithm,
  defaultValidityDays: DEFAULT_SETTINGS.defaultValidityDays,
};

function errorText<T>(r: Result<T>): string | null {
  return r.ok ? null : r.error.message;
}

export const createIssuanceSlice: StateCreator<IssuanceSlice, [], [], IssuanceSlice> = (set, get) => {
  // Responses to superseded previews are dropped: the operator may edit while one is in flight.
  let previewSeq = 0;
  const setWizard = (patch: Partial<WizardState>): void => set({ wizard: { ...get().wizard, ...patch } });

  return {
    authorities: [],
    authoritiesLoaded: false,
    leaves: [],
    pkiError: null,
    issuanceDefaults: DEFAULTS,
    wizard: freshWizard(DEFAULTS),

    loadAuthorities: async () => {
      const r = await api().ca.list({});
      if (r.ok) set({ authorities: r.value, authoritiesLoaded: true, pkiError: null });
      else set({ authoritiesLoaded: true, pkiError: r.error.message });
    },
    loadLeaves: async () => {
      const r = await api().certs.list({ kind: 'leaf' });
      if (r.ok) set({ leaves: r.value, pkiError: null });
      else set({ pkiError: r.error.message });
    },
    loadIssuanceDefaults: async () => {
      const r = await api().settings.get({});
      if (!r.ok) return;
      const defaults = { defaultKeyAlgorithm: r.value.defaultKeyAlgorithm, defaultValidityDays: r.value.defaultValidityDays };
      const untouched = get().wizard.step === 'issuer' && get().wizard.draft.subject.cn === '';
      set({ issuanceDefaults: defaults });
      if (untouched) {
        const { caId } = get().wizard.draft;
        setWizard({ draft: { ...get().wizard.draft, keyAlgorithm: defaults.defaultKeyAlgorithm, validity: choiceForDays(defaults.defaultValidityDays.server), caId } });
      }
    },

    setWizardStep: (step) => setWizard({ step, issueError: null }),
    updateDraft: (patch) => {
      const prev = get().wizard.draft;
      const draft = { ...prev, ...patch };
      // Picking another built-in profile resets KU/EKU to what that profile writes.
      if (patch.profile && patch.profile !== prev.profile && patch.profile !== 'custom') {
        draft.keyUsages = [...PROFILE_INFO[patch.profile].keyUsages];
        draft.extendedKeyUsages = [...PROFILE_INFO[patch.profile].extendedKeyUsages];
      }
      const csrChanged = patch.csrPem !== undefined && patch.csrPem !== prev.csrPem;
      setWizard({ draft, preview: null, previewError: null, ...(csrChanged ? { csr: null, csrError: null } : {}) });
    },

    readCsr: async () => {
      const pem = get().wizard.draft.csrPem.trim();
      if (!pem) {
        setWizard({ csrError: 'Paste a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----)' });
        return;
      }
      setWizard({ csrBusy: true, csrError: null });
      const r = await api().csr.parse({ pem });
      setWizard({ csrBusy: false, csr: r.ok ? r.value : null, csrError: errorText(r) });
    },
    applyCsrRequest: () => {
      const csr = get().wizard.csr;
      if (!csr) return;
      const f = csr.subjectFields;
      const subject: SubjectDraft = { cn: f.cn, o: f.o ?? '', ou: f.ou ?? '', c: f.c ?? '', st: f.st ?? '', l: f.l ?? '' };
      get().updateDraft({ subject, sanRows: csr.sans.length > 0 ? sansToRows(csr.sans) : [makeRow('dns')] });
    },

    loadPreview: async () => {
      const { draft, csr } = get().wizard;
      const req = issueRequest(draft, { authorities: get().authorities, csr });
      if (!req) return;
      const seq = ++previewSeq;
      setWizard({ previewBusy: true, previewError: null });
      const r = await api().certs.preview(req);
      if (seq !== previewSeq) return;
      setWizard({ previewBusy: false, preview: r.ok ? r.value : null, previewError: errorText(r) });
    },

    issue: async () => {
      const { draft, csr, issuing } = get().wizard;
      const req = issueRequest(draft, { authorities: get().authorities, csr });
      if (!req || issuing) return null;
      setWizard({ issuing: true, issueError: null });
      const r =
        draft.keyMode === 'csr' && draft.profile !== 'custom'
          ? await api().certs.signCsr({
              caId: req.caId,
              csrPem: draft.csrPem.trim(),
              profile: draft.profile,
              subject: req.subject,
              sans: req.sans,
              validity: req.validity,
            })
          : await api().certs.issue(req);
      setWizard({ issuing: false, result: r.ok ? r.value : null, issueError: errorText(r) });
      if (r.ok) void get().loadLeaves();
      return r.ok ? r.value : null;
    },

    resetWizard: () => {
      const keepCa = get().wizard.draft.caId;
      set({ wizard: freshWizard(get().issuanceDefaults, keepCa) });
    },
  };
};
