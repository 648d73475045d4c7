/**
 * What an importer reads out of another tool's PKI (an XCA database, an easy-rsa folder), before the service
 * compares it with the vault. Keys are already decrypted here: the caller wraps them into the vault and
 * zeroes them (`zeroSourceKeys`), whatever happens.
 */
import type { KeyAlgorithm, RevocationReason } from '../../../shared/domain/types';

export const SOURCE_KINDS = ['xca', 'easy-rsa'] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

export interface SourceRevocation {
  at: Date;
  reason: RevocationReason;
  /** when the key is known or suspected to have been compromised (RFC 5280 §5.3.2), if the source says */
  invalidityDate: Date | null;
}

export interface SourceKey {
  /** DANGEROUS: decrypted PKCS#8 DER, checked to match the certificate */
  DANGEROUS_pkcs8: Uint8Array;
  alg: KeyAlgorithm;
}

export interface SourceCert {
  /** where the item lives in the source, for messages: `issued/web1.crt`, `XCA certificate "name"` */
  item: string;
  /** the name (and comment) the source keeps for it */
  label: string | null;
  der: Uint8Array;
  key: SourceKey | null;
  revocation: SourceRevocation | null;
  /** why something did not come across (key type CertDesk cannot use, key under another password, …) */
  notes: string[];
  /**
   * comes across as a tracked certificate (watched for expiry, never used to sign): its key type, or its
   * issuer's, is one CertDesk cannot use (e.g. DSA)
   */
  tracked?: boolean;
}

export interface SourceCrl {
  item: string;
  der: Uint8Array;
  /**
   * The highest CRL number the source has used for this issuer: the CRL's own number, or the tool's counter
   * when it ran ahead (easy-rsa's `crlnumber`, XCA's per-CA counter). null when the source never numbered.
   */
  lastNumber: bigint | null;
}

export interface SourceProblem {
  item: string;
  message: string;
}

export interface ImportSource {
  kind: SourceKind;
  certs: SourceCert[];
  crls: SourceCrl[];
  /** things the source holds that cannot come across (kept as warnings in the preview) */
  problems: SourceProblem[];
}

/** Reads a file of the source with a size cap; the service supplies it (one bounded reader for every input). */
export type ReadSourceFile = (path: string, what: string) => Promise<Uint8Array>;

export function zeroSourceKeys(source: ImportSource): void {
  for (const c of source.certs) c.key?.DANGEROUS_pkcs8.fill(0);
}
