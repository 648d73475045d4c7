/**
 * What each leaf profile means, for the wizard's profile step. Main owns the real profile definitions
 * (electron/core/pki/profiles.ts); this is the renderer's description of them plus the custom choices.
 */
import type { KeyAlgorithm, LeafProfile } from '../../../../shared/domain/types';

export const KEY_USAGE_OPTIONS = [
  { name: 'digitalSignature', label: 'Digital signature' },
  { name: 'keyEncipherment', label: 'Key encipherment' },
  { name: 'keyAgreement', label: 'Key agreement' },
  { name: 'dataEncipherment', label: 'Data encipherment' },
  { name: 'nonRepudiation', label: 'Non-repudiation (content commitment)' },
] as const;

export const EKU_OPTIONS = [
  { name: 'serverAuth', label: 'TLS server authentication' },
  { name: 'clientAuth', label: 'TLS client authentication' },
  { name: 'codeSigning', label: 'Code signing' },
  { name: 'emailProtection', label: 'Email protection (S/MIME)' },
  { name: 'timeStamping', label: 'Time stamping' },
  { name: 'OCSPSigning', label: 'OCSP signing' },
] as const;

export interface ProfileInfo {
  label: string;
  description: string;
  keyUsages: string[];
  extendedKeyUsages: string[];
  /** TLS server identities are checked against SANs only (Go and Chrome ignore the CN) */
  needsSan: boolean;
}

export const PROFILE_INFO: Record<LeafProfile, ProfileInfo> = {
  server: {
    label: 'TLS server',
    description:
      'A service that accepts TLS connections (e.g. a gRPC server). Needs at least one DNS or IP SAN matching the name clients dial.',
    keyUsages: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsages: ['serverAuth'],
    needsSan: true,
  },
  client: {
    label: 'TLS client',
    description:
      'A workload that presents a certificate to a server in mutual TLS. The server reads its identity from the CN (and URI SANs).',
    keyUsages: ['digitalSignature'],
    extendedKeyUsages: ['clientAuth'],
    needsSan: false,
  },
  service: {
    label: 'Service (server and client)',
    description: 'A service that both accepts and makes mutual-TLS connections with one identity.',
    keyUsages: ['digitalSignature', 'keyEncipherment'],
    extendedKeyUsages: ['serverAuth', 'clientAuth'],
    needsSan: true,
  },
  custom: {
    label: 'Custom',
    description: 'Choose the key usages and extended key usages yourself.',
    keyUsages: ['digitalSignature'],
    extendedKeyUsages: [],
    needsSan: false,
  },
};

export const KEY_ALGORITHM_LABELS = {
  'ec-p256': 'ECDSA P-256',
  'ec-p384': 'ECDSA P-384',
  'rsa-2048': 'RSA 2048',
  'rsa-3072': 'RSA 3072',
  'rsa-4096': 'RSA 4096',
  ed25519: 'Ed25519',
} as const;

/**
 * What to know before choosing an algorithm, shown as the select's hint: kept out of the option labels so a
 * select sized to its column never cuts them.
 */
export const KEY_ALGORITHM_NOTES: Partial<Record<KeyAlgorithm, string>> = {
  'rsa-4096': 'Generating an RSA 4096 key takes a few seconds; the app stays usable meanwhile.',
  ed25519: 'Ed25519 is not accepted by some TLS stacks (older Java, Windows SChannel, most browsers).',
};
