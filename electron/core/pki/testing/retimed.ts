/**
 * Certificates and CRLs with the time fields CertDesk never writes (month 13, second 60, 31 November…): the
 * engine's own, with times replaced by the given text and signed again, since neither openssl 3.0
 * (`-startdate` is checked) nor the engine can make one. Tests only.
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

/**
 * A CRL's `der` with thisUpdate and/or nextUpdate replaced (nextUpdate only where the CRL has one), signed by
 * `signingKey` (its issuer's).
 */
export async function retimedCrl(
  der: Uint8Array,
  times: { thisUpdate?: string; nextUpdate?: string },
  signingKey: PkiCryptoKey,
): Promise<Uint8Array> {
  const [tbsT] = children(der, readTlv(der, 0));
  if (!tbsT) throw new Error('not a CRL');
  const fields = children(der, tbsT);
  // TBSCertList: version (optional INTEGER), signature, issuer, thisUpdate, nextUpdate (optional), …
  const thisAt = (fields[0]?.tag === 0x02 ? 1 : 0) + 2;
  const text = (i: number): string | undefined =>
    i === thisAt ? times.thisUpdate : i === thisAt + 1 ? times.nextUpdate : undefined;
  const tbs = seq(
    ...fields.map((f, i) => {
      const replaced = f.tag === 0x17 || f.tag === 0x18 ? text(i) : undefined;
      return replaced === undefined ? whole(der, f) : timeField(replaced);
    }),
  );
  return signStructure(tbs, signingKey, webcrypto);
}
