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
  raw: RawCert;
  /** lower-case hex SHA-256 of the DER, the key the vault's revocation records use */
  sha256: string;
  subject: string;
  commonName: string | null;
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
  const parsed: ParsedCert = {
    raw,
    sha256: createHash('sha256').update(der).digest('hex'),
    subject: formatSubject(raw.subject),
    commonName: nameAttributes(raw.subject).find(([k]) => k === 'CN')?.[1] ?? null,
    sans: san ? decodeSans(san) : [],
    basicConstraints: bc ? decodeBasicConstraints(bc) : { ca: false, pathLen: null },
    keyUsage: ku ? decodeKeyUsage(ku) : null,
    ekus: eku ? decodeEku(eku) : null,
    ext,
  };
  cache.set(der, parsed);
  return parsed;
}
