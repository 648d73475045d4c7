/**
 * A certificate decoded once for verdicts: the raw fields plus the extensions path validation reads.
 * Cached per DER buffer, because inventory verdicts re-validate every certificate on each list.
 */
import { createHash } from 'node:crypto';
import type { San } from '../../../shared/domain/types';
import { readCert, type RawCert } from './cert-raw';
import {
  decodeAki,
  decodeBasicConstraints,
  decodeEku,
  decodeKeyUsage,
  decodeSans,
  decodeSki,
} from './ext-decode';
import { OID } from './extensions';
import { formatSubject, nameAttributes } from './names';
import type { KeyUsageName } from './profiles';

export interface ParsedCert {
  readonly raw: RawCert;
  /** lower-case hex SHA-256 of the DER, the key the vault's revocation records use */
  readonly sha256: string;
  subject: string;
  readonly commonName: string | null;
  sans: San[];
  basicConstraints: { ca: boolean; pathLen: number | null };
  /** null when the extension is absent */
  keyUsage: KeyUsageName[] | null;
  /** EKU OIDs; null when the extension is absent */
  ekus: string[] | null;
  /** the AuthorityKeyIdentifier's keyIdentifier; null when absent */
  readonly authorityKeyId: Uint8Array | null;
  /** the SubjectKeyIdentifier; null when absent */
  readonly subjectKeyId: Uint8Array | null;
  ext(oid: string): Uint8Array | undefined;
}

/**
 * The fingerprint and the CN are read for few certificates (issuers, name constraints), the key identifiers
 * only while a path is built: computed on first use, because a list after unlock parses every certificate of
 * the vault. None can fail once the subject has been formatted, except a malformed key identifier, which
 * fails path building as it did when it was decoded there; what can (the SAN decoding) stays eager, so a
 * malformed certificate fails when parsed. A class, so the lazy fields cost no closures per certificate.
 */
class DecodedCert implements ParsedCert {
  readonly subject: string;
  readonly sans: San[];
  readonly basicConstraints: { ca: boolean; pathLen: number | null };
  readonly keyUsage: KeyUsageName[] | null;
  readonly ekus: string[] | null;
  private fingerprint: string | undefined;
  private cn: string | null | undefined;
  private aki: Uint8Array | null | undefined;
  private ski: Uint8Array | null | undefined;

  constructor(readonly raw: RawCert) {
    const bc = this.ext(OID.basicConstraints);
    const ku = this.ext(OID.keyUsage);
    const eku = this.ext(OID.extKeyUsage);
    const san = this.ext(OID.subjectAltName);
    this.subject = formatSubject(raw.subject);
    this.sans = san ? decodeSans(san) : [];
    this.basicConstraints = bc ? decodeBasicConstraints(bc) : { ca: false, pathLen: null };
    this.keyUsage = ku ? decodeKeyUsage(ku) : null;
    this.ekus = eku ? decodeEku(eku) : null;
  }

  get sha256(): string {
    return (this.fingerprint ??= createHash('sha256').update(this.raw.der).digest('hex'));
  }

  get commonName(): string | null {
    if (this.cn === undefined)
      this.cn = nameAttributes(this.raw.subject).find(([k]) => k === 'CN')?.[1] ?? null;
    return this.cn;
  }

  get authorityKeyId(): Uint8Array | null {
    if (this.aki === undefined) {
      const value = this.ext(OID.authorityKeyIdentifier);
      this.aki = value ? decodeAki(value) : null;
    }
    return this.aki;
  }

  get subjectKeyId(): Uint8Array | null {
    if (this.ski === undefined) {
      const value = this.ext(OID.subjectKeyIdentifier);
      this.ski = value ? decodeSki(value) : null;
    }
    return this.ski;
  }

  ext(oid: string): Uint8Array | undefined {
    for (const e of this.raw.extensions) if (e.oid === oid) return e.value;
    return undefined;
  }
}

const cache = new WeakMap<Uint8Array, ParsedCert>();

/**
 * Read with readCert's 'keep': verdicts are asked about certificates a vault already holds, and one whose
 * notBefore or notAfter is not a valid time must come out invalid (raw.timeError), not fail the whole list.
 */
export function parsedCert(der: Uint8Array): ParsedCert {
  const hit = cache.get(der);
  if (hit) return hit;
  const parsed = new DecodedCert(readCert(der, 'keep'));
  cache.set(der, parsed);
  return parsed;
}

/**
 * The cached parse when there is one, else a parse that is not kept: for a certificate read once per list (a
 * leaf), since keeping 100,000 of them would hold most of the heap while lists reuse remembered verdicts.
 */
export function parsedCertTransient(der: Uint8Array): ParsedCert {
  return cache.get(der) ?? new DecodedCert(readCert(der, 'keep'));
}
