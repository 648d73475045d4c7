/**
 * Minimal DER writer and reader. Certificates are assembled from TLVs we control byte for byte, because
 * several fields must be exact (issuer Name copied verbatim — Go compares it byte for byte; serial octets;
 * times without fractional seconds — RFC 5280 §4.1.2.5) and library encoders make their own choices.
 */
import { AppError } from '../../../shared/ipc/error-codes';

export function concat(parts: Uint8Array[]): Uint8Array {
  let len = 0;
  for (const p of parts) len += p.length;
  const out = new Uint8Array(len);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

function encodeLength(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  const bytes: number[] = [];
  for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff);
  return Uint8Array.from([0x80 | bytes.length, ...bytes]);
}

export function tlv(tag: number, content: Uint8Array): Uint8Array {
  return concat([Uint8Array.of(tag), encodeLength(content.length), content]);
}

export const seq = (...parts: Uint8Array[]): Uint8Array => tlv(0x30, concat(parts));
export const set = (...parts: Uint8Array[]): Uint8Array => tlv(0x31, concat(parts));
export const octets = (b: Uint8Array): Uint8Array => tlv(0x04, b);
export const bool = (v: boolean): Uint8Array => tlv(0x01, Uint8Array.of(v ? 0xff : 0x00));
export const nullValue = (): Uint8Array => Uint8Array.of(0x05, 0x00);
export const utf8 = (s: string): Uint8Array => tlv(0x0c, new TextEncoder().encode(s));
export const printable = (s: string): Uint8Array => tlv(0x13, new TextEncoder().encode(s));
export const ia5 = (s: string): Uint8Array => tlv(0x16, new TextEncoder().encode(s));
/** context-specific tag [n]; constructed for EXPLICIT / SEQUENCE-like content */
export const ctx = (n: number, content: Uint8Array, constructed: boolean): Uint8Array =>
  tlv((constructed ? 0xa0 : 0x80) | n, content);
export const bitString = (bytes: Uint8Array, unusedBits = 0): Uint8Array =>
  tlv(0x03, concat([Uint8Array.of(unusedBits), bytes]));

/** INTEGER from already-normalised content octets. */
export const integerBytes = (content: Uint8Array): Uint8Array => tlv(0x02, content);

/** INTEGER from a non-negative number or bigint, minimally encoded. */
export function integer(value: number | bigint): Uint8Array {
  let v = BigInt(value);
  if (v < 0n) throw new AppError('INTERNAL', 'negative INTEGER not supported here');
  const bytes: number[] = [];
  do {
    bytes.unshift(Number(v & 0xffn));
    v >>= 8n;
  } while (v > 0n);
  if ((bytes[0] ?? 0) & 0x80) bytes.unshift(0);
  return tlv(0x02, Uint8Array.from(bytes));
}

export function oid(dotted: string): Uint8Array {
  const parts = dotted.split('.').map((p) => BigInt(p));
  const [a = 0n, b = 0n, ...rest] = parts;
  const out: number[] = [];
  for (const arc of [a * 40n + b, ...rest]) {
    const chunk: number[] = [];
    let v = arc;
    do {
      chunk.unshift(Number(v & 0x7fn));
      v >>= 7n;
    } while (v > 0n);
    for (let i = 0; i < chunk.length - 1; i++) chunk[i] = (chunk[i] ?? 0) | 0x80;
    out.push(...chunk);
  }
  return tlv(0x06, Uint8Array.from(out));
}

/**
 * Decoded OIDs by their content octets, byte by byte: the few OIDs every certificate repeats (extensions,
 * name attributes, EKUs, algorithms) are decoded once per process instead of once per certificate, which
 * was a tenth of a list at 100,000 certificates. Bounded, so hostile input cannot make it grow without end.
 */
interface OidNode {
  next: Map<number, OidNode> | undefined;
  dotted: string | undefined;
}
const oidRoot: OidNode = { next: undefined, dotted: undefined };
const MAX_OID_NODES = 4096;
const MAX_INTERNED_OID_BYTES = 24;
let oidNodes = 0;

export function decodeOid(content: Uint8Array): string {
  return decodeOidAt(content, 0, content.length);
}

/** decodeOid of the content octets buf[start, end), without a view of them. */
export function decodeOidAt(buf: Uint8Array, start: number, end: number): string {
  if (end - start > MAX_INTERNED_OID_BYTES) return decodeOidArcs(buf.subarray(start, end));
  let node = oidRoot;
  for (let i = start; i < end; i++) {
    const byte = buf[i] ?? 0;
    let next = node.next?.get(byte);
    if (!next) {
      if (oidNodes >= MAX_OID_NODES) return decodeOidArcs(buf.subarray(start, end));
      next = { next: undefined, dotted: undefined };
      (node.next ??= new Map()).set(byte, next);
      oidNodes++;
    }
    node = next;
  }
  return (node.dotted ??= decodeOidArcs(buf.subarray(start, end)));
}

function decodeOidArcs(content: Uint8Array): string {
  // Arcs are decoded as plain numbers while they stay exact (below 2^52; every OID a certificate commonly
  // carries), as BigInt beyond (UUID arcs under 2.25 reach 2^128): BigInt per byte was a tenth of a list.
  const arcs: (number | bigint)[] = [];
  let small = 0;
  let big: bigint | null = null;
  for (const byte of content) {
    if (big === null && small < 2 ** 45) small = small * 128 + (byte & 0x7f);
    else big = ((big ?? BigInt(small)) << 7n) | BigInt(byte & 0x7f);
    if ((byte & 0x80) === 0) {
      arcs.push(big ?? small);
      small = 0;
      big = null;
    }
  }
  const first = arcs.shift() ?? 0;
  if (typeof first === 'number') {
    const a = first < 80 ? Math.floor(first / 40) : 2;
    return [a, first - a * 40, ...arcs].join('.');
  }
  return [2n, first - 80n, ...arcs].join('.');
}

const pad = (n: number, w = 2): string => String(n).padStart(w, '0');

/** UTCTime through 2049, GeneralizedTime from 2050 (RFC 5280 §4.1.2.5), whole seconds, always Z. */
export function time(d: Date): Uint8Array {
  const y = d.getUTCFullYear();
  const rest = `${pad(d.getUTCMonth() + 1)}${pad(d.getUTCDate())}${pad(d.getUTCHours())}${pad(d.getUTCMinutes())}${pad(d.getUTCSeconds())}Z`;
  const ascii = (s: string): Uint8Array => new TextEncoder().encode(s);
  if (y >= 1950 && y < 2050) return tlv(0x17, ascii(`${pad(y % 100)}${rest}`));
  return tlv(0x18, ascii(`${pad(y, 4)}${rest}`));
}

export interface Tlv {
  tag: number;
  /** offset of the tag byte */
  offset: number;
  /** offset of the content */
  start: number;
  /** offset after the content */
  end: number;
}

/** Reads one TLV at `offset`; throws INVALID_PEM on truncated or malformed input. */
export function readTlv(buf: Uint8Array, offset = 0, limit = buf.length): Tlv {
  if (offset + 2 > limit)
    throw new AppError('INVALID_PEM', 'truncated DER: input ends inside a tag/length header');
  const tag = buf[offset] ?? 0;
  if ((tag & 0x1f) === 0x1f) throw new AppError('INVALID_PEM', 'unsupported DER: multi-byte tag');
  let len = buf[offset + 1] ?? 0;
  let start = offset + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4) throw new AppError('INVALID_PEM', 'malformed DER: indefinite or oversized length');
    if (start + n > limit)
      throw new AppError('INVALID_PEM', 'truncated DER: input ends inside a length field');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (buf[start + i] ?? 0);
    start += n;
  }
  const end = start + len;
  if (end > limit) {
    throw new AppError(
      'INVALID_PEM',
      `truncated DER: an element declares ${len} bytes but only ${limit - start} remain`,
    );
  }
  return { tag, offset, start, end };
}

export function children(buf: Uint8Array, parent: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let off = parent.start; off < parent.end;) {
    const t = readTlv(buf, off, parent.end);
    out.push(t);
    off = t.end;
  }
  return out;
}

export const whole = (buf: Uint8Array, t: Tlv): Uint8Array => buf.subarray(t.offset, t.end);
export const content = (buf: Uint8Array, t: Tlv): Uint8Array => buf.subarray(t.start, t.end);

const utf8Decoder = new TextDecoder();

/**
 * UTF-8 text of buf[start, end) as TextDecoder reads it, with one decoder for the process: making one per
 * value cost more than the decoding, and a list reads several per certificate.
 */
export function utf8Text(b: Uint8Array, start = 0, end = b.length): string {
  return utf8Decoder.decode(start === 0 && end === b.length ? b : b.subarray(start, end));
}

export function hex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function fromHex(h: string): Uint8Array {
  if (!/^([0-9a-fA-F]{2})*$/.test(h)) throw new AppError('INVALID_INPUT', `not hex: "${h.slice(0, 40)}"`);
  return new Uint8Array(Buffer.from(h, 'hex'));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/** Copies into a fresh ArrayBuffer (WebCrypto and asn1-schema want exact ArrayBuffers). */
export function toArrayBuffer(b: Uint8Array): ArrayBuffer {
  const out = new ArrayBuffer(b.length);
  new Uint8Array(out).set(b);
  return out;
}
