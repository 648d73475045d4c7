import { createHash } from 'node:crypto';

/**
 * The printed form of one recovery share (FORMAT.md, "Share encoding"): a 57-byte payload written as 23 groups
 * of Crockford base32, each group 4 data characters and 1 check character. The group check is a weighted sum
 * over GF(32) with distinct non-zero weights, so any single wrong character — and any swap of two different
 * neighbours — is caught and named by its group; a whole-share SHA-256 check catches the rest (two typos in
 * one group, groups swapped or skipped).
 */
export const SHARE_FORMAT_VERSION = 1;
export const SHARE_SECRET_BYTES = 33;
const PAYLOAD_BYTES = 57;
const CHECKED_BYTES = 53;
const DATA_CHARS_PER_GROUP = 4;
export const GROUP_CHARS = DATA_CHARS_PER_GROUP + 1;
export const GROUPS = 23;
/** Crockford's alphabet: no I, L, O, U, so a handwritten 1/I/L or 0/O reads back unambiguously. */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const BEGIN_MARKER = '-----BEGIN CERTDESK RECOVERY SHARE-----';
export const END_MARKER = '-----END CERTDESK RECOVERY SHARE-----';

export interface SharePayload {
  vaultId: Buffer;
  ceremonyId: Buffer;
  /** 1..shares */
  index: number;
  threshold: number;
  shares: number;
  /** the Shamir share: 32 bytes and its x coordinate */
  secret: Buffer;
}

/**
 * Why a share text does not decode; `group` is 1-based when one group is to blame. Messages never quote share
 * characters: they reach the audit log and the terminal.
 */
export class ShareFormatError extends Error {
  constructor(
    message: string,
    readonly group?: number,
  ) {
    super(message);
    this.name = 'ShareFormatError';
  }
}

function shareCheck(bytes: Buffer): Buffer {
  return createHash('sha256').update('certdesk recovery share').update(bytes).digest().subarray(0, 4);
}

/** 8 bytes naming a share (stored in the vault header, shown in status); a hash, never share bytes. */
export function shareFingerprint(p: SharePayload): Buffer {
  return createHash('sha256')
    .update('certdesk share fingerprint')
    .update(encodePayload(p).subarray(0, CHECKED_BYTES))
    .digest()
    .subarray(0, 8);
}

function encodePayload(p: SharePayload): Buffer {
  const b = Buffer.alloc(PAYLOAD_BYTES);
  b.writeUInt8(SHARE_FORMAT_VERSION, 0);
  p.vaultId.copy(b, 1);
  p.ceremonyId.copy(b, 9);
  b.writeUInt8(p.index, 17);
  b.writeUInt8(p.threshold, 18);
  b.writeUInt8(p.shares, 19);
  p.secret.copy(b, 20);
  shareCheck(b.subarray(0, CHECKED_BYTES)).copy(b, CHECKED_BYTES);
  return b;
}

/** Multiplication in GF(2^5) modulo x^5 + x^2 + 1. */
function gf32Mul(a: number, b: number): number {
  let product = 0;
  for (let i = 0; i < 5; i++) {
    if (b & 1) product ^= a;
    b >>= 1;
    a <<= 1;
    if (a & 32) a ^= 0b100101;
  }
  return product;
}

/** Weights x, x^2, x^3, x^4: distinct and non-zero, so one changed value always changes the sum. */
const WEIGHTS = [2, 4, 8, 16];

function groupCheck(values: readonly number[], group: number): number {
  let sum = group % 32;
  values.forEach((v, k) => (sum ^= gf32Mul(WEIGHTS[k]!, v)));
  return sum;
}

/** The share as 23 groups of 5 characters. */
export function encodeShareGroups(p: SharePayload): string[] {
  const bytes = encodePayload(p);
  const values: number[] = [];
  let acc = 0;
  let bits = 0;
  for (const byte of bytes) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      values.push((acc >> (bits - 5)) & 31);
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
  }
  if (bits > 0) values.push((acc << (5 - bits)) & 31);
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    const data = values.slice(g * DATA_CHARS_PER_GROUP, (g + 1) * DATA_CHARS_PER_GROUP);
    groups.push([...data, groupCheck(data, g)].map((v) => ALPHABET[v]).join(''));
  }
  return groups;
}

function valueOf(ch: string): number {
  const normal = ch === 'O' ? '0' : ch === 'I' || ch === 'L' ? '1' : ch;
  return ALPHABET.indexOf(normal);
}

/** The groups of a share text: between the markers when present, else the whole text; spaces and dashes ignored. */
function groupsOf(text: string): string[] {
  const begin = text.indexOf(BEGIN_MARKER);
  const end = text.indexOf(END_MARKER);
  const body = begin >= 0 && end > begin ? text.slice(begin + BEGIN_MARKER.length, end) : text;
  const tokens = body
    .toUpperCase()
    .split(/[\s-]+/)
    .filter((t) => t.length > 0);
  if (tokens.length === GROUPS && tokens.every((t) => t.length === GROUP_CHARS)) return tokens;
  const joined = tokens.join('');
  const odd = tokens.findIndex((t) => t.length !== GROUP_CHARS);
  if (joined.length !== GROUPS * GROUP_CHARS) {
    const hint =
      odd >= 0 && tokens.length === GROUPS ? `; group ${odd + 1} has ${tokens[odd]!.length} characters` : '';
    throw new ShareFormatError(
      `a share has ${GROUPS} groups of ${GROUP_CHARS} characters (${GROUPS * GROUP_CHARS}); this one has ` +
        `${joined.length}${hint}`,
      hint ? odd + 1 : undefined,
    );
  }
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) groups.push(joined.slice(g * GROUP_CHARS, (g + 1) * GROUP_CHARS));
  return groups;
}

/** Decodes a typed, scanned or file share; ShareFormatError naming the group or check that failed. */
export function decodeShareText(text: string): SharePayload {
  const groups = groupsOf(text);
  const values: number[] = [];
  groups.forEach((group, g) => {
    const vals = [...group].map(valueOf);
    const bad = vals.indexOf(-1);
    if (bad >= 0)
      throw new ShareFormatError(
        `group ${g + 1}, character ${bad + 1}: "${group[bad]}" is not a share character`,
        g + 1,
      );
    const data = vals.slice(0, DATA_CHARS_PER_GROUP);
    if (groupCheck(data, g) !== vals[DATA_CHARS_PER_GROUP])
      throw new ShareFormatError(`group ${g + 1} fails its check: a character is mistyped`, g + 1);
    values.push(...data);
  });
  const bytes = Buffer.alloc(PAYLOAD_BYTES);
  let acc = 0;
  let bits = 0;
  let at = 0;
  for (const v of values) {
    acc = (acc << 5) | v;
    bits += 5;
    if (bits >= 8 && at < PAYLOAD_BYTES) {
      bytes[at++] = (acc >> (bits - 8)) & 0xff;
      bits -= 8;
    }
    acc &= (1 << bits) - 1;
  }
  if (!shareCheck(bytes.subarray(0, CHECKED_BYTES)).equals(bytes.subarray(CHECKED_BYTES)) || acc !== 0)
    throw new ShareFormatError(
      'the whole-share check fails although every group checks: groups swapped, skipped or repeated?',
    );
  const version = bytes.readUInt8(0);
  if (version !== SHARE_FORMAT_VERSION) throw new ShareFormatError(`unknown share format version ${version}`);
  const p: SharePayload = {
    vaultId: Buffer.from(bytes.subarray(1, 9)),
    ceremonyId: Buffer.from(bytes.subarray(9, 17)),
    index: bytes.readUInt8(17),
    threshold: bytes.readUInt8(18),
    shares: bytes.readUInt8(19),
    secret: Buffer.from(bytes.subarray(20, 20 + SHARE_SECRET_BYTES)),
  };
  bytes.fill(0);
  if (p.threshold < 2 || p.threshold > p.shares || p.index < 1 || p.index > p.shares)
    throw new ShareFormatError(`share ${p.index} of ${p.shares} (threshold ${p.threshold}) is out of range`);
  return p;
}

/** Rows of 5 groups, for the printed sheet and the .txt file. */
export function shareTextBlock(groups: readonly string[]): string {
  const rows: string[] = [];
  for (let i = 0; i < groups.length; i += 5) rows.push(groups.slice(i, i + 5).join(' '));
  return [BEGIN_MARKER, ...rows, END_MARKER].join('\n');
}

/** Hex in 4-character groups (ids and fingerprints on sheets and in status). */
export function groupedHex(bytes: Buffer): string {
  return (bytes.toString('hex').match(/.{1,4}/g) ?? []).join('-');
}
