/**
 * Serial numbers: 16 CSPRNG bytes, DER-normalised → positive, at most 17 octets (RFC 5280 §4.1.2.2 allows
 * 20; Go ≥ 1.23 refuses negative serials at parse time). See pitfalls.md "Serials".
 */
import { AppError } from '../../../shared/ipc/error-codes';
import { hex } from './der';
import type { SerialGuard } from './types';

/** DER INTEGER content octets for a positive magnitude (strip leading zeros, prepend 0x00 if the top bit is set). */
export function normalizeSerial(magnitude: Uint8Array): Uint8Array {
  let i = 0;
  while (i < magnitude.length - 1 && magnitude[i] === 0) i++;
  const v = magnitude.subarray(i);
  if (v.length === 0 || (v.length === 1 && v[0] === 0))
    throw new AppError('INTERNAL', 'serial must be positive');
  if ((v[0] ?? 0) & 0x80) {
    const out = new Uint8Array(v.length + 1);
    out.set(v, 1);
    return out;
  }
  return Uint8Array.from(v);
}

export function serialTaken(used: SerialGuard | undefined, serialHex: string): boolean {
  if (!used) return false;
  return typeof used === 'function' ? used(serialHex) : used.has(serialHex);
}

/** 16 CSPRNG bytes, DER-normalised, positive, not in `used`. Returns the content octets. */
export function generateSerial(randomBytes: (n: number) => Uint8Array, used?: SerialGuard): Uint8Array {
  for (let attempt = 0; attempt < 8; attempt++) {
    const raw = randomBytes(16);
    if (raw.every((b) => b === 0)) continue;
    const serial = normalizeSerial(raw);
    if (!serialTaken(used, hex(serial))) return serial;
  }
  throw new AppError('INTERNAL', 'could not find an unused serial number (random source broken?)');
}

/**
 * A serial as an integer, from its content octets or hex text (colons allowed). Serials are compared as
 * integers, never as text: a positive serial whose top bit is set carries a leading 00 octet in DER,
 * which one writer keeps and another strips.
 */
export function serialValue(serial: Uint8Array | string): bigint {
  if (typeof serial !== 'string') return unsignedValue(serial);
  const text = serial.replace(/[\s:]/g, '');
  if (!/^[0-9a-fA-F]*$/.test(text))
    throw new AppError('INVALID_INPUT', `serial "${String(serial).slice(0, 40)}" is not hex`);
  return text.length === 0 ? 0n : BigInt(`0x${text}`);
}

/** Octets as an unsigned big-endian integer, six at a time (a list reads one serial per certificate). */
function unsignedValue(octets: Uint8Array): bigint {
  let value = 0n;
  let chunk = 0;
  let inChunk = 0;
  // the first chunk takes the remainder, so every later one is exactly six octets (48 bits)
  let chunkSize = octets.length % 6 || 6;
  for (const octet of octets) {
    chunk = chunk * 256 + octet;
    if (++inChunk === chunkSize) {
      value = (value << BigInt(chunkSize * 8)) | BigInt(chunk);
      chunk = 0;
      inChunk = 0;
      chunkSize = 6;
    }
  }
  return value;
}
