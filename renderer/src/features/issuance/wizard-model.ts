/**
 * The issuance wizard's draft and its step gating: pure functions, so "what blocks Next" is unit-tested
 * and the same list is what the UI shows next to the disabled button.
 */
import type {
  CertSummary,
  CsrView,
  KeyAlgorithm,
  LeafProfile,
  San,
  SubjectFields,
} from '../../../../shared/domain/types';
import { rowErrors, rowsToSans, type SanRow } from './san-rows';
import { validityInput, type ValidityChoice, type ValidityInput } from './validity-presets';
import { PROFILE_INFO } from './profile-options';

export const WIZARD_STEPS = ['issuer', 'profile', 'subject', 'key', 'validity', 'review'] as const;
export type WizardStep = (typeof WIZARD_STEPS)[number];

export const STEP_LABELS: Record<WizardStep, string> = {
  issuer: 'Issuer',
  profile: 'Profile',
  subject: 'Subject and SANs',
  key: 'Key',
  validity: 'Validity',
  review: 'Review',
};

/** Subject fields as typed; empty strings mean "absent". */
export type SubjectDraft = Required<SubjectFields>;
export const EMPTY_SUBJECT: SubjectDraft = { cn: '', o: '', ou: '', c: '', st: '', l: '' };

export interface IssuanceDraft {
  caId: string | null;
  profile: LeafProfile;
  keyUsages: string[];
  extendedKeyUsages: string[];
  subject: SubjectDraft;
  sanRows: SanRow[];
  keyMode: 'generate' | 'csr';
  keyAlgorithm: KeyAlgorithm;
  csrPem: string;
  validity: ValidityChoice;
  /**
   * true while the validity is the settings default: the request then omits it, so main applies the
   * default and clamps it to the issuer's notAfter with a note, instead of refusing an explicit request.
   */
  validityIsDefault: boolean;
}

export interface GateContext {
  authorities: readonly CertSummary[];
  csr: CsrView | null;
}

export function subjectInput(s: SubjectDraft): SubjectFields {
  const out: SubjectFields = { cn: s.cn.trim() };
  for (const k of ['o', 'ou', 'c', 'st', 'l'] as const) {
    const v = s[k].trim();
    // ISO 3166 codes are upper case; main refuses "de".
    if (v) out[k] = k === 'c' ? v.toUpperCase() : v;
  }
  return out;
}

export function subjectErrors(s: SubjectDraft): string[] {
  const errors: string[] = [];
  if (!s.cn.trim()) errors.push('Common name (CN) is required');
  if (s.cn.trim().length > 64) errors.push('Common name is longer than 64 characters (RFC 5280 upper bound)');
  const c = s.c.trim();
  if (c && !/^[A-Za-z]{2}$/.test(c)) errors.push('Country (C) must be a two-letter ISO code, e.g. DE');
  return errors;
}

function sanErrors(d: IssuanceDraft): string[] {
  const errors = rowErrors(d.sanRows);
  if (PROFILE_INFO[d.profile].needsSan && rowsToSans(d.sanRows).length === 0) {
    errors.push(
      `A ${PROFILE_INFO[d.profile].label} certificate needs at least one SAN: clients check the SAN, not the CN`,
    );
  }
  return errors;
}

/** Why the operator cannot leave `step` yet; empty when they can. */
export function stepBlockers(step: WizardStep, d: IssuanceDraft, ctx: GateContext): string[] {
  switch (step) {
    case 'issuer': {
      const ca = ctx.authorities.find((a) => a.id === d.caId);
      if (!ca) return ['Choose the CA that signs this certificate'];
      if (!ca.hasKey) return [`${ca.cn} has no private key in the vault, so it cannot sign`];
      return [];
    }
    case 'profile': {
      if (d.profile !== 'custom') return [];
      const errors: string[] = [];
      if (d.keyUsages.length === 0) errors.push('Choose at least one key usage');
      if (d.extendedKeyUsages.length === 0)
        errors.push(
          'Choose at least one extended key usage (Go accepts a certificate without EKU for any purpose)',
        );
      return errors;
    }
    case 'subject':
      return [...subjectErrors(d.subject), ...sanErrors(d)];
    case 'key': {
      if (d.keyMode === 'generate') return [];
      const errors: string[] = [];
      if (d.profile === 'custom')
        errors.push('A CSR is signed with the server, client or service profile: choose one of those');
      if (!ctx.csr) errors.push('Paste a CSR and press "Read CSR"');
      else if (!ctx.csr.signatureValid) errors.push('The CSR signature does not verify: ask for a new CSR');
      return [...errors, ...subjectErrors(d.subject), ...sanErrors(d)];
    }
    case 'validity': {
      const v = validityInput(d.validity);
      return v.ok ? [] : [v.reason];
    }
    case 'review':
      return WIZARD_STEPS.filter((s) => s !== 'review').flatMap((s) => stepBlockers(s, d, ctx));
  }
}

/** Steps the stepper lets the operator jump to: every step up to the first blocked one. */
export function reachableSteps(d: IssuanceDraft, ctx: GateContext): WizardStep[] {
  const out: WizardStep[] = [];
  for (const step of WIZARD_STEPS) {
    out.push(step);
    if (stepBlockers(step, d, ctx).length > 0) break;
  }
  return out;
}

export function nextStep(step: WizardStep): WizardStep | null {
  return WIZARD_STEPS[WIZARD_STEPS.indexOf(step) + 1] ?? null;
}
export function previousStep(step: WizardStep): WizardStep | null {
  return WIZARD_STEPS[WIZARD_STEPS.indexOf(step) - 1] ?? null;
}

export interface IssueRequest {
  caId: string;
  profile: LeafProfile;
  subject: SubjectFields;
  sans: San[];
  key?: KeyAlgorithm;
  /** absent: main's default for the profile, clamped to the issuer */
  validity?: ValidityInput;
  keyUsages?: string[];
  extendedKeyUsages?: string[];
}

/** The certs:preview / certs:issue input for the draft (null while a step is blocked). */
export function issueRequest(d: IssuanceDraft, ctx: GateContext): IssueRequest | null {
  if (!d.caId || stepBlockers('review', d, ctx).length > 0) return null;
  const v = validityInput(d.validity);
  const req: IssueRequest = {
    caId: d.caId,
    profile: d.profile,
    subject: subjectInput(d.subject),
    sans: rowsToSans(d.sanRows),
  };
  if (v.ok && !d.validityIsDefault) req.validity = v.value;
  if (d.keyMode === 'generate') req.key = d.keyAlgorithm;
  if (d.profile === 'custom') {
    req.keyUsages = d.keyUsages;
    req.extendedKeyUsages = d.extendedKeyUsages;
  }
  return req;
}
