/**
 * A certificate with the time fields CertDesk never writes (month 13, second 60, 31 November…): the
 * engine's own certificate with its validity replaced by the given text and signed again, since neither
 * openssl 3.0 (`-startdate` is checked) nor the engine can issue one. Tests only.
 */
import { webcrypto } from 'node:crypto';
import { children, readTlv, seq, tlv, whole } from '../der';
import { signStructure } from '../sign';
import type { PkiCryptoKey } from '../types';

/** UTCTime when the text has the 13 characters of YYMMDDHHMMSSZ, GeneralizedTime otherwise. */
function timeField(text: string): Uint8Array {
  const tag = text.length === 13 || /^\d{10}(Z|\d\d[+-])/.test(text) ? 0x17 : 0x18;
  return tlv(tag, new TextEncoder().encode(text));
}

export interface TimeTexts {
  notBefore?: string;
  notAfter?: string;
}

/**
 * `der` with notBefore and/or notAfter replaced by `times` (the others kept byte for byte), signed by
 * `signingKey` (the issuer's; the certificate's own for a root).
 */
export async function retimed(
  der: Uint8Array,
  times: TimeTexts,
  signingKey: PkiCryptoKey,
): Promise<Uint8Array> {
  const [tbsT] = children(der, readTlv(der, 0));
  if (!tbsT) throw new Error('not a certificate');
  const fields = children(der, tbsT);
  const validityAt = fields[0]?.tag === 0xa0 ? 4 : 3;
  const [nb, na] = children(der, fields[validityAt]!);
  const validity = seq(
    times.notBefore === undefined ? whole(der, nb!) : timeField(times.notBefore),
    times.notAfter === undefined ? whole(der, na!) : timeField(times.notAfter),
  );
  const tbs = seq(...fields.map((f, i) => (i === validityAt ? validity : whole(der, f))));
  return signStructure(tbs, signingKey, webcrypto);
}
