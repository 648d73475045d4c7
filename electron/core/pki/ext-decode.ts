/**
 * Decoders for the extensions the engine reasons about (SAN, BC, KU, EKU, SKI/AKI, NameConstraints), on
 * the raw extensions of the hand-written certificate reader (its cost: bench/cert-reader.ts).
 */
import type { San } from '../../../shared/domain/types';
import { formatIp } from '../../../shared/domain/san';
import { children, content, decodeOid, decodeOidAt, readTlv, utf8Text, type Tlv } from './der';
import { KEY_USAGE_NAMES, EKU_NAMES, type KeyUsageName } from './profiles';
import { formatSubject } from './names';
import type { RawExtension } from './cert-raw';

export interface DecodedGeneralName {
  /** our SAN type when it maps to one */
  san: San | null;
  /** display form, e.g. "DNS:a", "IP:10.0.0.0/8", "DirName:CN=x" */
  text: string;
  /** for iPAddress in name constraints: address + mask bytes */
  ipRange?: { address: Uint8Array; mask: Uint8Array };
}

function maskBits(mask: Uint8Array): number {
  let n = 0;
  for (const b of mask) for (let i = 7; i >= 0; i--) if (b & (1 << i)) n++;
  return n;
}

const SAN_PREFIX: Record<San['type'], string> = { email: 'email', dns: 'DNS', uri: 'URI', ip: 'IP' };

export function decodeGeneralName(buf: Uint8Array, t: Tlv): DecodedGeneralName {
  const c = content(buf, t);
  const san = sanOf(t.tag, c);
  if (san) return { san, text: `${SAN_PREFIX[san.type]}:${san.value}` };
  switch (t.tag) {
    case 0x87: {
      if (c.length === 8 || c.length === 32) {
        const half = c.length / 2;
        const address = c.slice(0, half);
        const mask = c.slice(half);
        return { san: null, text: `IP:${formatIp(address)}/${maskBits(mask)}`, ipRange: { address, mask } };
      }
      return { san: null, text: `IP:<${c.length} bytes>` };
    }
    case 0xa4: {
      const inner = readTlv(buf, t.start, t.end);
      return { san: null, text: `DirName:${formatSubject(buf.subarray(inner.offset, inner.end))}` };
    }
    case 0xa0:
      return { san: null, text: 'othername:<unsupported>' };
    case 0x88:
      return { san: null, text: `RID:${decodeOid(c)}` };
    default:
      return { san: null, text: `<tag 0x${t.tag.toString(16)}>` };
  }
}

export function decodeGeneralNames(value: Uint8Array): DecodedGeneralName[] {
  const top = readTlv(value, 0);
  return children(value, top).map((t) => decodeGeneralName(value, t));
}

/** The SAN a general name of these tags is; null for the others (decodeGeneralName describes them). */
function sanOf(tag: number, c: Uint8Array): San | null {
  switch (tag) {
    case 0x81:
      return { type: 'email', value: utf8Text(c) };
    case 0x82:
      return { type: 'dns', value: utf8Text(c) };
    case 0x86:
      return { type: 'uri', value: utf8Text(c) };
    case 0x87:
      return c.length === 4 || c.length === 16 ? { type: 'ip', value: formatIp(c) } : null;
    default:
      return null;
  }
}

/**
 * The SANs among the general names, without the display texts: every certificate of a list is read. Any
 * other name still goes through decodeGeneralName, so a malformed one fails here as it does there.
 */
export function decodeSans(value: Uint8Array): San[] {
  const top = readTlv(value, 0);
  const out: San[] = [];
  for (const t of children(value, top)) {
    const san = sanOf(t.tag, content(value, t));
    if (san) out.push(san);
    else decodeGeneralName(value, t);
  }
  return out;
}

export function decodeBasicConstraints(value: Uint8Array): { ca: boolean; pathLen: number | null } {
  const top = readTlv(value, 0);
  let ca = false;
  let pathLen: number | null = null;
  for (const t of children(value, top)) {
    if (t.tag === 0x01) ca = (value[t.start] ?? 0) !== 0;
    if (t.tag === 0x02) pathLen = Number.parseInt(Buffer.from(content(value, t)).toString('hex') || '0', 16);
  }
  return { ca, pathLen };
}

export function decodeKeyUsage(value: Uint8Array): KeyUsageName[] {
  const t = readTlv(value, 0);
  const bytes = content(value, t).subarray(1);
  return KEY_USAGE_NAMES.filter((_, i) => ((bytes[i >> 3] ?? 0) & (0x80 >> (i & 7))) !== 0);
}

export function decodeEku(value: Uint8Array): string[] {
  const top = readTlv(value, 0);
  const out: string[] = [];
  for (const t of children(value, top)) out.push(decodeOidAt(value, t.start, t.end));
  return out;
}

const EKU_BY_OID = new Map(Object.entries(EKU_NAMES).map(([k, v]) => [v, k]));
export const ekuName = (o: string): string =>
  EKU_BY_OID.get(o) ?? (o === '2.5.29.37.0' ? 'anyExtendedKeyUsage' : o);

export function decodeSki(value: Uint8Array): Uint8Array {
  return content(value, readTlv(value, 0));
}

export function decodeAki(value: Uint8Array): Uint8Array | null {
  const top = readTlv(value, 0);
  const kid = children(value, top).find((t) => t.tag === 0x80);
  return kid ? content(value, kid) : null;
}

export interface DecodedNameConstraints {
  permitted: DecodedGeneralName[];
  excluded: DecodedGeneralName[];
}

export function decodeNameConstraints(value: Uint8Array): DecodedNameConstraints {
  const top = readTlv(value, 0);
  const out: DecodedNameConstraints = { permitted: [], excluded: [] };
  for (const t of children(value, top)) {
    const list = t.tag === 0xa0 ? out.permitted : t.tag === 0xa1 ? out.excluded : null;
    if (!list) continue;
    for (const sub of children(value, t)) {
      const base = children(value, sub)[0];
      if (base) list.push(decodeGeneralName(value, base));
    }
  }
  return out;
}

export function extValue(exts: RawExtension[], oid: string): RawExtension | undefined {
  return exts.find((e) => e.oid === oid);
}
