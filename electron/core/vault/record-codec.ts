import { isAscii } from 'node:buffer';
import { corrupt } from './header';
import type { VaultRecord } from './types';

/**
 * The plaintext of one record frame (FORMAT.md, "Record plaintext"), before it is deflated and sealed.
 * - Versions 1–3: the records as a UTF-8 JSON array `[{ "type", "data" }, …]`; a byte field is stored as
 *   base64 text (those versions have no bytes), so a reader gets a string where version 4 gives bytes.
 * - Version 4: `u32 JSON length ‖ UTF-8 JSON array ‖ byte area`. A record whose data has top-level byte
 *   fields (Uint8Array: certificates, CRLs) keeps them in the byte area and names them:
 *   `{ "type", "data", "bin": { field: [offset, length] } }` (offsets from the start of the byte area). Why:
 *   at 100,000 certificates the base64 text was half of all JSON, and decoding it to a string, parsing it and
 *   decoding the base64 again was a third of an unlock.
 */
export const BINARY_SINCE_VERSION = 4;
const LENGTH_BYTES = 4;

/** Whether a file of this format version keeps byte fields as bytes. */
export function recordsBinary(formatVersion: number): boolean {
  return formatVersion >= BINARY_SINCE_VERSION;
}

/** A record ready to be batched: its JSON text and, from version 4, the byte fields it names. */
interface EncodedRecord {
  json: string;
  blobs: Uint8Array[];
  bytes: number;
}

/** A JSON object (not an array, not null): the only data that can carry byte fields. */
function isPlainObject(v: unknown): v is { [key: string]: unknown } {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * One record's JSON (and byte fields). `blobOffset` is where its first byte field will sit in the frame's
 * byte area. Versions before 4 write byte fields as base64 text.
 */
function encodeRecord(r: VaultRecord, binary: boolean, blobOffset: number): EncodedRecord {
  const data = r.data;
  if (!isPlainObject(data)) {
    const json = JSON.stringify({ type: r.type, data });
    return { json, blobs: [], bytes: json.length };
  }
  const plain: { [key: string]: unknown } = {};
  const bin: { [key: string]: [number, number] } = {};
  const blobs: Uint8Array[] = [];
  let offset = blobOffset;
  for (const [k, v] of Object.entries(data)) {
    if (!(v instanceof Uint8Array)) {
      plain[k] = v;
    } else if (binary) {
      bin[k] = [offset, v.byteLength];
      blobs.push(v);
      offset += v.byteLength;
    } else {
      plain[k] = Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64');
    }
  }
  const json = JSON.stringify(
    blobs.length > 0 ? { type: r.type, data: plain, bin } : { type: r.type, data: plain },
  );
  return { json, blobs, bytes: json.length + (offset - blobOffset) };
}

/**
 * Splits records into frame plaintexts of about `target` bytes (a single larger record gets its own frame),
 * in the encoding of `formatVersion`. Throws when a record is not serialisable (BigInt, cycles).
 */
export function batchPlaintexts(
  records: readonly VaultRecord[],
  target: number,
  formatVersion: number,
): Buffer[] {
  const binary = recordsBinary(formatVersion);
  const out: Buffer[] = [];
  let jsons: string[] = [];
  let blobs: Uint8Array[] = [];
  let blobBytes = 0;
  let size = 2;
  const flush = (): void => {
    out.push(binary ? frameV4(jsons, blobs, blobBytes) : Buffer.from(`[${jsons.join(',')}]`, 'utf8'));
    jsons = [];
    blobs = [];
    blobBytes = 0;
    size = 2;
  };
  for (const r of records) {
    let e = encodeRecord(r, binary, blobBytes);
    if (jsons.length > 0 && size + e.bytes > target) {
      flush();
      if (e.blobs.length > 0) e = encodeRecord(r, binary, 0);
    }
    jsons.push(e.json);
    for (const b of e.blobs) {
      blobs.push(b);
      blobBytes += b.byteLength;
    }
    size += e.bytes + 1;
  }
  if (jsons.length > 0) flush();
  return out;
}

function frameV4(jsons: readonly string[], blobs: readonly Uint8Array[], blobBytes: number): Buffer {
  const json = `[${jsons.join(',')}]`;
  const jsonBytes = Buffer.byteLength(json, 'utf8');
  const out = Buffer.allocUnsafe(LENGTH_BYTES + jsonBytes + blobBytes);
  out.writeUInt32BE(jsonBytes, 0);
  out.write(json, LENGTH_BYTES, 'utf8');
  let pos = LENGTH_BYTES + jsonBytes;
  for (const b of blobs) {
    out.set(b, pos);
    pos += b.byteLength;
  }
  return out;
}

/** fatal: a byte sequence that is not UTF-8 is damage, not text to repair with U+FFFD */
const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The JSON text of a frame. Nearly every frame is ASCII, which is UTF-8 read as Latin-1 byte for byte; V8
 * keeps that as a one-byte string and JSON.parse reads it about a quarter faster than the decoder's output
 * (bench/service-unlock.ts: 200 ms of a 100,000-certificate unlock).
 */
function jsonText(bytes: Buffer): string {
  return isAscii(bytes) ? bytes.toString('latin1') : utf8.decode(bytes);
}
const EMPTY = Buffer.alloc(0);

/**
 * The records of one authenticated (and inflated) frame plaintext. Throws VAULT_CORRUPT naming frame `index`
 * when the plaintext is not what a writer of `formatVersion` produces.
 */
export function decodePlaintext(plaintext: Buffer, formatVersion: number, index: number): VaultRecord[] {
  const malformed = (what = 'malformed data'): Error => corrupt(`record frame ${index} holds ${what}`);
  let parsed: unknown;
  let area: Buffer | null = null;
  try {
    if (recordsBinary(formatVersion)) {
      if (plaintext.length < LENGTH_BYTES) throw malformed();
      const jsonEnd = LENGTH_BYTES + plaintext.readUInt32BE(0);
      if (jsonEnd > plaintext.length) throw malformed();
      parsed = JSON.parse(jsonText(plaintext.subarray(LENGTH_BYTES, jsonEnd)));
      area = plaintext.subarray(jsonEnd);
    } else {
      parsed = JSON.parse(jsonText(plaintext));
    }
  } catch {
    throw malformed();
  }
  if (!Array.isArray(parsed)) throw malformed();
  const records = parsed as unknown[];
  // One copy of the byte area per frame: the records' fields are views into it, and the JSON text is freed.
  const owned = area === null ? null : area.length > 0 ? Buffer.from(area) : EMPTY;
  for (const r of records) {
    if (typeof r !== 'object' || r === null || typeof (r as { type?: unknown }).type !== 'string') {
      throw malformed('a malformed record');
    }
    const rec = r as { type: string; data: unknown; bin?: unknown };
    if (owned !== null && rec.bin !== undefined) attachBytes(rec, owned, malformed);
  }
  return records as VaultRecord[];
}

/** Replaces a record's `bin` index by the byte fields it names (views of the frame's byte area). */
function attachBytes(
  rec: { type: string; data: unknown; bin?: unknown },
  area: Buffer,
  malformed: (what?: string) => Error,
): void {
  const { bin, data } = rec;
  if (!isPlainObject(bin) || !isPlainObject(data)) {
    throw malformed('a malformed record');
  }
  for (const [k, span] of Object.entries(bin)) {
    if (!Array.isArray(span) || span.length !== 2 || Object.hasOwn(data, k))
      throw malformed('a malformed record');
    const [offset, length] = span as unknown[];
    if (
      !Number.isSafeInteger(offset) ||
      !Number.isSafeInteger(length) ||
      (offset as number) < 0 ||
      (length as number) < 0 ||
      (offset as number) + (length as number) > area.length
    ) {
      throw malformed('a malformed record');
    }
    data[k] = new Uint8Array(area.buffer, area.byteOffset + (offset as number), length as number);
  }
  delete rec.bin;
}
