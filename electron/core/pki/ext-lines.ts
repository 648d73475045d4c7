/** Human-readable lines for extensions (detail view, CLI `show`), close to `openssl x509 -text`. */
import { children, content, decodeOid, readTlv, type Tlv } from './der';
import {
  decodeAki,
  decodeBasicConstraints,
  decodeEku,
  decodeGeneralName,
  decodeGeneralNames,
  decodeKeyUsage,
  decodeNameConstraints,
  decodeSki,
  ekuName,
} from './ext-decode';
import { OID } from './extensions';
import type { RawExtension } from './cert-raw';

const NAMES: Record<string, string> = {
  [OID.subjectKeyIdentifier]: 'Subject Key Identifier',
  [OID.keyUsage]: 'Key Usage',
  [OID.subjectAltName]: 'Subject Alternative Name',
  [OID.basicConstraints]: 'Basic Constraints',
  [OID.cRLNumber]: 'CRL Number',
  [OID.reasonCode]: 'CRL Reason Code',
  [OID.nameConstraints]: 'Name Constraints',
  [OID.cRLDistributionPoints]: 'CRL Distribution Points',
  [OID.certificatePolicies]: 'Certificate Policies',
  [OID.authorityKeyIdentifier]: 'Authority Key Identifier',
  [OID.extKeyUsage]: 'Extended Key Usage',
  [OID.authorityInfoAccess]: 'Authority Information Access',
  '1.3.6.1.4.1.11129.2.4.2': 'CT Precertificate SCTs',
  '2.5.29.18': 'Issuer Alternative Name',
};

export const extensionName = (oid: string): string => NAMES[oid] ?? oid;

export const colonHex = (b: Uint8Array): string =>
  Array.from(b, (x) => x.toString(16).padStart(2, '0').toUpperCase()).join(':');

/** All GeneralNames nested anywhere below `t` (CRL DP, AIA). */
function nestedNames(buf: Uint8Array, t: Tlv, out: string[]): void {
  if ([0x81, 0x82, 0x86, 0x87].includes(t.tag)) {
    out.push(decodeGeneralName(buf, t).text);
    return;
  }
  if (t.tag & 0x20) for (const c of children(buf, t)) nestedNames(buf, c, out);
}

const AIA_METHODS: Record<string, string> = {
  '1.3.6.1.5.5.7.48.1': 'OCSP',
  '1.3.6.1.5.5.7.48.2': 'CA Issuers',
};

export function extensionLines(e: RawExtension): string[] {
  const v = e.value;
  try {
    switch (e.oid) {
      case OID.subjectAltName:
      case '2.5.29.18':
        return decodeGeneralNames(v).map((g) => g.text);
      case OID.keyUsage:
        return decodeKeyUsage(v);
      case OID.extKeyUsage:
        return decodeEku(v).map(ekuName);
      case OID.basicConstraints: {
        const bc = decodeBasicConstraints(v);
        return [`CA:${bc.ca ? 'TRUE' : 'FALSE'}`, ...(bc.pathLen !== null ? [`pathlen:${bc.pathLen}`] : [])];
      }
      case OID.subjectKeyIdentifier:
        return [colonHex(decodeSki(v))];
      case OID.authorityKeyIdentifier: {
        const k = decodeAki(v);
        return k ? [`keyid:${colonHex(k)}`] : ['(no key identifier)'];
      }
      case OID.nameConstraints: {
        const nc = decodeNameConstraints(v);
        return [
          ...(nc.permitted.length ? ['Permitted:', ...nc.permitted.map((g) => `  ${g.text}`)] : []),
          ...(nc.excluded.length ? ['Excluded:', ...nc.excluded.map((g) => `  ${g.text}`)] : []),
        ];
      }
      case OID.cRLDistributionPoints: {
        const out: string[] = [];
        nestedNames(v, readTlv(v, 0), out);
        return out.map((s) => `Full Name: ${s}`);
      }
      case OID.authorityInfoAccess: {
        const top = readTlv(v, 0);
        return children(v, top).map((ad) => {
          const [m, loc] = children(v, ad);
          const method = m ? decodeOid(content(v, m)) : '?';
          return `${AIA_METHODS[method] ?? method} - ${loc ? decodeGeneralName(v, loc).text : '?'}`;
        });
      }
      case OID.certificatePolicies: {
        const top = readTlv(v, 0);
        return children(v, top).map((pi) => {
          const o = children(v, pi)[0];
          return `Policy: ${o ? decodeOid(content(v, o)) : '?'}`;
        });
      }
      default:
        return [Buffer.from(v).toString('hex').slice(0, 128) + (v.length > 64 ? '…' : '')];
    }
  } catch {
    return ['<undecodable extension value>'];
  }
}
