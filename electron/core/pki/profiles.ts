/**
 * Issuance profiles as data (style.md rule 14): key usages, EKUs, SAN requirement and validity limits
 * per profile live here and nowhere else.
 */
import type { Profile } from '../../../shared/domain/types';

export const KEY_USAGE_NAMES = [
  'digitalSignature',
  'nonRepudiation',
  'keyEncipherment',
  'dataEncipherment',
  'keyAgreement',
  'keyCertSign',
  'cRLSign',
  'encipherOnly',
  'decipherOnly',
] as const;
export type KeyUsageName = (typeof KEY_USAGE_NAMES)[number];

/** EKU names → OIDs (RFC 5280 §4.2.1.12). */
export const EKU_NAMES: Readonly<Record<string, string>> = {
  serverAuth: '1.3.6.1.5.5.7.3.1',
  clientAuth: '1.3.6.1.5.5.7.3.2',
  codeSigning: '1.3.6.1.5.5.7.3.3',
  emailProtection: '1.3.6.1.5.5.7.3.4',
  timeStamping: '1.3.6.1.5.5.7.3.8',
  OCSPSigning: '1.3.6.1.5.5.7.3.9',
};

export interface ProfileDef {
  profile: Profile;
  isCa: boolean;
  /**
   * KeyUsage for leaves. RSA keys additionally get keyEncipherment (TLS 1.2 RSA key exchange; harmless in
   * TLS 1.3) — see keyUsagesFor.
   */
  keyUsages: KeyUsageName[];
  /** EKU names; Go enforces EKU and treats "no EKU" as "any", so leaves always carry one (pitfalls.md). */
  extendedKeyUsages: string[];
  /** a SAN is mandatory: Go and Chrome ignore the CN for host names */
  requiresSan: boolean;
  defaultValidityDays: number;
  /** lint warns above this: 397 days is the CA/B limit TLS clients (Apple, Chrome) apply to leaves */
  warnValidityDays: number | null;
  /** lint errors above this: Apple refuses TLS server certificates valid for more than 825 days */
  maxValidityDays: number | null;
}

const CA_KU: KeyUsageName[] = ['keyCertSign', 'cRLSign', 'digitalSignature'];

export const PROFILE_DEFS: Readonly<Record<Profile, ProfileDef>> = {
  root: {
    profile: 'root',
    isCa: true,
    keyUsages: CA_KU,
    extendedKeyUsages: [],
    requiresSan: false,
    defaultValidityDays: 3650,
    warnValidityDays: null,
    maxValidityDays: null,
  },
  intermediate: {
    profile: 'intermediate',
    isCa: true,
    keyUsages: CA_KU,
    extendedKeyUsages: [],
    requiresSan: false,
    defaultValidityDays: 1825,
    warnValidityDays: null,
    maxValidityDays: null,
  },
  server: {
    profile: 'server',
    isCa: false,
    keyUsages: ['digitalSignature'],
    extendedKeyUsages: ['serverAuth'],
    requiresSan: true,
    defaultValidityDays: 397,
    warnValidityDays: 397,
    maxValidityDays: 825,
  },
  client: {
    profile: 'client',
    isCa: false,
    keyUsages: ['digitalSignature'],
    extendedKeyUsages: ['clientAuth'],
    requiresSan: false,
    defaultValidityDays: 397,
    warnValidityDays: 397,
    maxValidityDays: null,
  },
  service: {
    profile: 'service',
    isCa: false,
    keyUsages: ['digitalSignature'],
    extendedKeyUsages: ['serverAuth', 'clientAuth'],
    requiresSan: true,
    defaultValidityDays: 397,
    warnValidityDays: 397,
    maxValidityDays: 825,
  },
  custom: {
    profile: 'custom',
    isCa: false,
    keyUsages: ['digitalSignature'],
    extendedKeyUsages: [],
    requiresSan: false,
    defaultValidityDays: 397,
    warnValidityDays: null,
    maxValidityDays: null,
  },
};

export function profileDef(profile: Profile): ProfileDef {
  return PROFILE_DEFS[profile];
}

/** The profile's key usages adjusted for the subject key type. */
export function keyUsagesFor(def: ProfileDef, subjectKeyIsRsa: boolean): KeyUsageName[] {
  if (def.isCa || !subjectKeyIsRsa || def.keyUsages.includes('keyEncipherment')) return def.keyUsages;
  return [...def.keyUsages, 'keyEncipherment'];
}

export function isKeyUsageName(s: string): s is KeyUsageName {
  return (KEY_USAGE_NAMES as readonly string[]).includes(s);
}
