import type { Profile } from '../../../shared/domain/types';

export const KEY_USAGE_NAMES = [
  'digitalSignature', 'nonRepudiation', 'keyEncipherment', 'dataEncipherment', 'keyAgreement',
  'keyCertSign', 'cRLSign', 'encipherOnly', 'decipherOnly',
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
  keyUsages: KeyUsageName[];
  extendedKeyUsages: string[];
  /** a SAN is mandatory (TLS server identities) */
  requiresSan: boolean;
  defaultValidityDays: number;
  /** lint warns above this (CA/B 397 days for TLS leaves) */
  warnValidityDays: number | null;
}

export const PROFILE_DEFS: Readonly<Record<Profile, ProfileDef>> = {} as Record<Profile, ProfileDef>;

export function profileDef(profile: Profile): ProfileDef {
  const def = PROFILE_DEFS[profile];
  return def;
}
