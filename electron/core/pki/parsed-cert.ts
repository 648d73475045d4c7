/**
 * A certificate decoded once for verdicts: the raw fields plus the extensions path validation reads.
 * Cached per DER buffer, because inventory verdicts re-validate every certificate on each list.
 */
import { createHash } from 'node:crypto';
import type { San } from '../../../shared/domain/types';
import { readCert, type RawCert } from './cert-raw';
import { decodeBasicConstraints, decodeEku, decodeKeyUsage, decodeSans } from './ext-decode';
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
  ext(oid: string): Uint8Array | undefined;
}

const cache = new WeakMap<Uint8Array, ParsedCert>();

export function parsedCert(der: Uint8Array): ParsedCert {
  const hit = cache.get(der);
  if (hit) return hit;
  const raw = readCert(der);
  const ext = (oid: string): Uint8Array | undefined => raw.extensions.find((e) => e.oid === oid)?.value;
  const bc = ext(OID.basicConstraints);
  const ku = ext(OID.keyUsage);
  const eku = ext(OID.extKeyUsage);
  const san = ext(OID.subjectAltName);
  // The fingerprint and the CN are read for few certificates (issuers, name constraints): computed on first
  // use, because a list after unlock parses every certificate of the vault. Neither can fail once the subject
  // has been formatted; whatever can (the SAN decoding) stays eager, so a malformed certificate fails here.
  let sha256: string | undefined;
  let commonName: string | null | undefined;
  const parsed: ParsedCert = {
    raw,
    get sha256() {
      return (sha256 ??= createHash('sha256').update(der).digest('hex'));
    },
    subject: formatSubject(raw.subject),
    get commonName() {
      if (commonName === undefined)
        commonName = nameAttributes(raw.subject).find(([k]) => k === 'CN')?.[1] ?? null;
      return commonName;
    },
    sans: san ? decodeSans(san) : [],
    basicConstraints: bc ? decodeBasicConstraints(bc) : { ca: false, pathLen: null },
    keyUsage: ku ? decodeKeyUsage(ku) : null,
    ekus: eku ? decodeEku(eku) : null,
    ext,
  };
  cache.set(der, parsed);
  return parsed;
}
