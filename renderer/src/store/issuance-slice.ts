/**
 * Issuance wizard, CA list and leaf list for the issuance/CA/check screens. Caches what main owns (the
 * vault's certificates) and the wizard's draft; never a passphrase or key material.
 */
import type { StateCreator } from 'zustand';
import type { CertSummary, CsrView, IssuePreview, IssueResult, Settings } from '../../../shared/domain/types';
import { DEFAULT_SETTINGS } from '../../../shared/domain/types';
import type { Result } from '../../../shared/result';
import { api } from '../lib/api';
import type { AppState } from './index';
import { isAuthority } from '../../../shared/domain/inventory-query';
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
  wizard: WizardState;
  /** fresh draft when the wizard is untouched: settings defaults, and the only signing CA pre-selected */
  primeWizard: () => void;
  setWizardStep: (step: WizardStep) => void;
  updateDraft: (patch: Partial<IssuanceDraft>) => void;
  readCsr: () => Promise<void>;
  /** copies the CSR's requested subject and SANs into the editable draft */
  applyCsrRequest: () => void;
  loadPreview: () => Promise<void>;
  issue: () => Promise<IssueResult | null>;
  resetWizard: () => void;
}

type Defaults = Pick<Settings, 'defaultKeyAlgorithm' | 'defaultValidityDays'>;

export function signingAuthorities(certs: readonly CertSummary[]): CertSummary[] {
  return certs.filter(isAuthority);
}

export function freshDraft(defaults: Defaults, caId: string | null = null): IssuanceDraft {
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
    validityIsDefault: true,
  };
}

function freshWizard(defaults: Defaults, caId: string | null = null): WizardState {
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

function errorText<T>(r: Result<T>): string | null {
  return r.ok ? null : r.error.message;
}

export const createIssuanceSlice: StateCreator<AppState, [], [], IssuanceSlice> = (set, get) => {
  // Responses to superseded previews are dropped: the operator may edit while one is in flight.
  let previewSeq = 0;
  const setWizard = (patch: Partial<WizardState>): void => set({ wizard: { ...get().wizard, ...patch } });

  return {
    wizard: freshWizard(DEFAULT_SETTINGS),

    primeWizard: () => {
      const w = get().wizard;
      const pristine = w.step === 'issuer' && !w.result && w.draft.subject.cn === '' && w.draft.csrPem === '';
      const signers = signingAuthorities(get().certs).filter((c) => c.hasKey);
      const caId = w.draft.caId ?? (signers.length === 1 ? (signers[0]?.id ?? null) : null);
      if (pristine) set({ wizard: freshWizard(get().settings, caId) });
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
      if (patch.validity) draft.validityIsDefault = false;
      else if (draft.validityIsDefault && patch.profile && patch.profile !== 'custom') {
        draft.validity = choiceForDays(get().settings.defaultValidityDays[patch.profile]);
      }
      const csrChanged = patch.csrPem !== undefined && patch.csrPem !== prev.csrPem;
      setWizard({
        draft,
        preview: null,
        previewError: null,
        ...(csrChanged ? { csr: null, csrError: null } : {}),
      });
    },

    readCsr: async () => {
      const pem = get().wizard.draft.csrPem.trim();
      if (!pem) {
        setWizard({
          csrError: 'Paste a PEM certificate signing request (-----BEGIN CERTIFICATE REQUEST-----)',
        });
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
      const subject: SubjectDraft = {
        cn: f.cn,
        o: f.o ?? '',
        ou: f.ou ?? '',
        c: f.c ?? '',
        st: f.st ?? '',
        l: f.l ?? '',
      };
      get().updateDraft({ subject, sanRows: csr.sans.length > 0 ? sansToRows(csr.sans) : [makeRow('dns')] });
    },

    loadPreview: async () => {
      const { draft, csr } = get().wizard;
      const req = issueRequest(draft, { authorities: signingAuthorities(get().certs), csr });
      if (!req) return;
      const seq = ++previewSeq;
      setWizard({ previewBusy: true, previewError: null });
      const r = await api().certs.preview(req);
      if (seq !== previewSeq) return;
      setWizard({ previewBusy: false, preview: r.ok ? r.value : null, previewError: errorText(r) });
    },

    issue: async () => {
      const { draft, csr, issuing } = get().wizard;
      const req = issueRequest(draft, { authorities: signingAuthorities(get().certs), csr });
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
              ...(req.validity ? { validity: req.validity } : {}),
            })
          : await api().certs.issue(req);
      setWizard({ issuing: false, result: r.ok ? r.value : null, issueError: errorText(r) });
      if (r.ok) void get().loadCerts();
      return r.ok ? r.value : null;
    },

    resetWizard: () => {
      const keepCa = get().wizard.draft.caId;
      set({ wizard: freshWizard(get().settings, keepCa) });
    },
  };
};
