/**
 * The OpenSSL CA database (`index.txt`) that easy-rsa keeps: one certificate per line, six tab-separated
 * fields — status (V valid, R revoked, E expired), expiry, `revocationDate[,reason[,extra]]`, serial (hex),
 * file name (`unknown`) and subject DN. `openssl ca` writes the reason names below; for keyTime/CAkeyTime
 * the extra field is the compromise time, which is the CRL's invalidity date.
 */
import type { RevocationReason } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import type { SourceRevocation } from './types';

export interface IndexEntry {
  line: number;
  status: 'V' | 'R' | 'E';
  /** lower-case hex without leading zeros */
  serial: string;
  /** the serial as written (easy-rsa names files by it, leading zeros included) */
  serialText: string;
  subject: string;
  revocation: SourceRevocation | null;
  /** removeFromCRL: listed as revoked but no longer to appear on CRLs */
  unrevoked: boolean;
}

const REASONS: Record<string, RevocationReason> = {
  unspecified: 'unspecified',
  keycompromise: 'keyCompromise',
  keytime: 'keyCompromise',
  cacompromise: 'cACompromise',
  cakeytime: 'cACompromise',
  affiliationchanged: 'affiliationChanged',
  superseded: 'superseded',
  cessationofoperation: 'cessationOfOperation',
  certificatehold: 'certificateHold',
  holdinstruction: 'certificateHold',
  privilegewithdrawn: 'privilegeWithdrawn',
  aacompromise: 'aACompromise',
};

/** ASN.1 UTCTime (YYMMDDHHMMSSZ, 1950–2049) or GeneralizedTime (YYYYMMDDHHMMSSZ) as OpenSSL writes them. */
export function parseAsn1Time(text: string): Date | null {
  const m = /^(\d{2}|\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return null;
  let year = Number(m[1]);
  if (m[1]!.length === 2) year += year < 50 ? 2000 : 1900;
  const d = new Date(
    Date.UTC(year, Number(m[2]) - 1, Number(m[3]), Number(m[4]), Number(m[5]), Number(m[6])),
  );
  return Number.isNaN(d.getTime()) ? null : d;
}

function bad(line: number, why: string): AppError {
  return new AppError('SOURCE_INVALID', `index.txt line ${line}: ${why}`);
}

export function parseIndexTxt(text: string): IndexEntry[] {
  const out: IndexEntry[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!.replace(/\r$/, '');
    if (raw === '') continue;
    const n = i + 1;
    const f = raw.split('\t');
    if (f.length !== 6) throw bad(n, `expected 6 tab-separated fields, found ${f.length}`);
    const [status, expiry, revoked, serialHex, , subject] = f as [
      string,
      string,
      string,
      string,
      string,
      string,
    ];
    if (status !== 'V' && status !== 'R' && status !== 'E')
      throw bad(n, `unknown status "${status.slice(0, 10)}" (expected V, R or E)`);
    if (!parseAsn1Time(expiry)) throw bad(n, `unreadable expiry date "${expiry.slice(0, 20)}"`);
    if (!/^[0-9A-Fa-f]{1,64}$/.test(serialHex))
      throw bad(n, `serial "${serialHex.slice(0, 70)}" is not hexadecimal`);
    const serial = serialHex.toLowerCase().replace(/^0+(?=.)/, '');
    let revocation: SourceRevocation | null = null;
    let unrevoked = false;
    if (status === 'R') {
      const [dateText = '', reasonText, extra] = revoked.split(',');
      const at = parseAsn1Time(dateText);
      if (!at) throw bad(n, `revoked without a readable revocation date ("${revoked.slice(0, 40)}")`);
      const key = (reasonText ?? 'unspecified').toLowerCase();
      if (key === 'removefromcrl') unrevoked = true;
      const reason = REASONS[key];
      if (!reason && !unrevoked) throw bad(n, `unknown revocation reason "${reasonText?.slice(0, 40)}"`);
      const compromise = (key === 'keytime' || key === 'cakeytime') && extra ? parseAsn1Time(extra) : null;
      revocation = { at, reason: reason ?? 'unspecified', invalidityDate: compromise };
    } else if (revoked !== '') {
      throw bad(n, `status ${status} with a revocation field "${revoked.slice(0, 40)}"`);
    }
    out.push({
      line: n,
      status,
      serial,
      serialText: serialHex,
      subject,
      revocation: unrevoked ? null : revocation,
      unrevoked,
    });
  }
  return out;
}
