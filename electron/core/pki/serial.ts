import type { SerialGuard } from './types';
import { notYet } from './stub';

/** 16 CSPRNG bytes, DER-normalised, positive, unique under `used`. Returns the content octets. */
export function generateSerial(randomBytes: (n: number) => Uint8Array, used?: SerialGuard): Uint8Array {
  return notYet('generateSerial');
}
/** DER INTEGER content octets for a positive magnitude (strip leading zeros, prepend 0x00 if top bit set). */
export function normalizeSerial(magnitude: Uint8Array): Uint8Array {
  return notYet('normalizeSerial');
}
