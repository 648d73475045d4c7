/**
 * Explicit checks before the real handshake. Why not trust the handshake alone: OpenSSL verifies times
 * against the real clock (we must honour a given `now`), and a failed client certificate reaches the
 * client only as a generic TLS alert. The order mirrors OpenSSL's X509_verify_cert (chain, purpose,
 * host name, revocation, then signatures/times), so a pre-check and the handshake agree on the reason.
 */
import { isIP } from 'node:net';
import type { HandshakeReport } from '../../../shared/domain/types';
import { EKU, type CertInfo } from '../pki/cert-info';
import { readCrl } from '../pki/crl';
import { nameAttributes } from '../pki/names';
import { serialValue } from '../pki/serial';

const ANY_EKU = '2.5.29.37.0';

export type Side = 'server' | 'client';
export type Reason = NonNullable<HandshakeReport['reason']>;
export interface Failure {
  reason: Reason;
  message: string;
}

export interface SideCerts {
  leaf: CertInfo;
  chain: CertInfo[];
}

export interface ParsedCrl {
  issuerDer: Uint8Array;
  issuerCn: string;
  /** revoked serials as integers: a DER leading 00 octet must not hide a revocation */
  serials: Set<bigint>;
}

const label = (c: CertInfo): string => `"${c.cn || c.x509.subject}"`;

export function parseCrl(der: Uint8Array): ParsedCrl {
  const crl = readCrl(der);
  return {
    issuerDer: crl.issuer,
    issuerCn: nameAttributes(crl.issuer).find(([k]) => k === 'CN')?.[1] ?? '',
    serials: new Set(crl.bySerial.keys()),
  };
}

/** The path from the leaf to a trusted CA (leaf first, anchor last), or null when none exists. */
export function buildPath(side: SideCerts, anchors: CertInfo[]): CertInfo[] | null {
  const path = [side.leaf];
  for (let depth = 0; depth < 10; depth++) {
    const cur = path[path.length - 1] as CertInfo;
    const issuedBy = (cand: CertInfo): boolean =>
      cur.x509.checkIssued(cand.x509) && cur.x509.verify(cand.x509.publicKey);
    const anchor = anchors.find(issuedBy);
    if (anchor) return cur.sha256 === anchor.sha256 ? path : [...path, anchor];
    const next = side.chain.find((c) => issuedBy(c) && !path.some((p) => p.sha256 === c.sha256));
    if (!next) return null;
    path.push(next);
  }
  return null;
}

function ekuOk(c: CertInfo, want: string): boolean {
  return c.ekus === null || c.ekus.includes(want) || c.ekus.includes(ANY_EKU);
}

/** The leaf's EKU allows the side's TLS role (no EKU allows every role). */
const ekuAllowsRole = (c: CertInfo, side: Side): boolean =>
  ekuOk(c, side === 'server' ? EKU.serverAuth : EKU.clientAuth);

/**
 * OpenSSL's TLS purpose check (check_purpose_ssl_server / _client in v3_purp.c), which the handshake behind
 * this check and nginx, curl and Python peers apply: when KeyUsage is present, a server needs
 * digitalSignature, keyEncipherment or keyAgreement; a client digitalSignature or keyAgreement.
 */
function keyUsageAllowsRole(c: CertInfo, side: Side): boolean {
  if (!c.keyUsage) return true;
  const allowed =
    side === 'server'
      ? (['digitalSignature', 'keyEncipherment', 'keyAgreement'] as const)
      : (['digitalSignature', 'keyAgreement'] as const);
  return allowed.some((k) => c.keyUsage?.includes(k));
}

/** The reason a purpose refusal gets: the EKU when it does not allow the role, otherwise the KeyUsage. */
export const purposeReason = (c: CertInfo, side: Side): Reason =>
  ekuAllowsRole(c, side)
    ? side === 'server'
      ? 'server-key-usage'
      : 'client-key-usage'
    : side === 'server'
      ? 'missing-server-eku'
      : 'missing-client-eku';

export function nameMatches(c: CertInfo, serverName: string): boolean {
  // Like Go and Node's checkServerIdentity: SANs only, never the CN (subject: 'never').
  return isIP(serverName)
    ? c.x509.checkIP(serverName) !== undefined
    : c.x509.checkHost(serverName, { subject: 'never' }) !== undefined;
}

function checkSide(
  side: Side,
  certs: SideCerts,
  anchors: CertInfo[],
  serverName: string,
  crls: ParsedCrl[],
  now: Date | undefined,
): Failure | null {
  const path = buildPath(certs, anchors);
  if (!path) {
    return {
      reason: 'unknown-ca',
      message: `The ${side} certificate ${label(certs.leaf)} does not chain to a trusted CA (issuer "${certs.leaf.x509.issuer.replace(/\n/g, ', ')}")`,
    };
  }
  if (side === 'server' && !ekuOk(certs.leaf, EKU.serverAuth)) {
    return {
      reason: 'missing-server-eku',
      message: `The server certificate ${label(certs.leaf)} lacks the serverAuth extended key usage`,
    };
  }
  if (side === 'client' && !ekuOk(certs.leaf, EKU.clientAuth)) {
    return {
      reason: 'missing-client-eku',
      message: `The client certificate ${label(certs.leaf)} lacks the clientAuth extended key usage`,
    };
  }
  if (!keyUsageAllowsRole(certs.leaf, side)) {
    const ku = certs.leaf.keyUsage?.join(', ') ?? '';
    return {
      reason: side === 'server' ? 'server-key-usage' : 'client-key-usage',
      message: `The ${side} certificate ${label(certs.leaf)} has a KeyUsage (${ku}) that does not allow a TLS ${side}: it needs ${side === 'server' ? 'digitalSignature, keyEncipherment or keyAgreement' : 'digitalSignature or keyAgreement'}`,
    };
  }
  if (side === 'server' && !nameMatches(certs.leaf, serverName)) {
    return {
      reason: 'name-mismatch',
      message: `The server certificate ${label(certs.leaf)} does not name "${serverName}" in its SANs (the CN is not used)`,
    };
  }
  for (const c of path.slice(0, -1)) {
    const crl = crls.find((l) => Buffer.compare(Buffer.from(l.issuerDer), Buffer.from(c.issuerDer)) === 0);
    if (crl?.serials.has(serialValue(c.serial)))
      return {
        reason: 'revoked',
        message: `The ${side} certificate ${label(c)} (serial ${c.serial}) is revoked by the CRL of "${crl.issuerCn}"`,
      };
  }
  if (now) {
    for (const c of path) {
      const which =
        c === certs.leaf
          ? `The ${side} certificate ${label(c)}`
          : `CA certificate ${label(c)} in the ${side} chain`;
      if (now < c.notBefore)
        return {
          reason: 'not-yet-valid',
          message: `${which} is not valid before ${c.notBefore.toISOString()} (check time ${now.toISOString()})`,
        };
      if (now > c.notAfter)
        return {
          reason: 'expired',
          message: `${which} expired at ${c.notAfter.toISOString()} (check time ${now.toISOString()})`,
        };
    }
  }
  return null;
}

export interface PrecheckInput {
  server: SideCerts;
  client: SideCerts;
  /** CAs the server accepts client certificates from (Go's ClientCAs) */
  serverTrusts: CertInfo[];
  /** CAs the client accepts the server certificate from (Go's RootCAs) */
  clientTrusts: CertInfo[];
  serverName: string;
  crls: ParsedCrl[];
  /** Without it the validity dates are left to the handshake (real clock). */
  now?: Date;
}

/** The first problem a real peer would hit, server side first (the client verifies the server first). */
export function precheck(input: PrecheckInput): Failure | null {
  return (
    checkSide('server', input.server, input.clientTrusts, input.serverName, input.crls, input.now) ??
    checkSide('client', input.client, input.serverTrusts, input.serverName, input.crls, input.now)
  );
}
