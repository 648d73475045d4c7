/** The mTLS handshake check (product.md §8): pre-checks, then a real loopback TLS 1.3 handshake. */
import type { HandshakeReport } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { certInfosFromPem, firstCertInfo, type CertInfo } from '../pki/cert-info';
import { assertPkcs8 } from '../export/encrypted-pkcs8';
import { pemBlocksOf, toPem } from '../pki/pem';
import { runHandshake } from './handshake';
import { parseCrl, precheck, purposeReason, type Failure } from './precheck';

export interface CheckMtlsInput {
  serverCertPem: string;
  /** Unencrypted PKCS#8 DER; kept in memory only. */
  serverKeyPkcs8: Uint8Array;
  /** Intermediates the server sends, nearest first. */
  serverChainPem: string[];
  clientCertPem: string;
  clientKeyPkcs8: Uint8Array;
  clientChainPem: string[];
  /** Trust anchors for both sides (ClientCAs and RootCAs in the seed), unless a side has its own below. */
  caCertsPem: string[];
  /** What the server accepts client certificates from (Go's ClientCAs). Default `caCertsPem`. */
  serverTrustsPem?: string[];
  /** What the client accepts the server certificate from (Go's RootCAs). Default `caCertsPem`. */
  clientTrustsPem?: string[];
  /** The name the client dials (SNI and identity check); a DNS name or an IP address. */
  serverName: string;
  /** CRL(s) to enforce on both sides; PEM, several blocks allowed. OpenSSL then needs a CRL from every CA in a chain. */
  crlPem?: string;
  /** Check time for validity dates. Default: no date pre-check, the handshake's real clock decides. */
  now?: Date;
  /** Default 5000 ms. */
  timeoutMs?: number;
  /** Diagnostics/tests: skip the pre-checks and report only what the real handshake says. Default false. */
  skipPrecheck?: boolean;
}

function certs(pems: string[], what: string): CertInfo[] {
  return pems.flatMap((p, i) => certInfosFromPem(p, `${what} #${i + 1}`));
}

function fail(f: Failure, serverName: string): HandshakeReport {
  return { ok: false, reason: f.reason, message: f.message, serverName };
}

/** Loud name on purpose: the result is the private key as PEM text (memory only, never logged or written). */
function DANGEROUS_keyPem(pkcs8: Uint8Array, what: string): string {
  assertPkcs8(pkcs8, what);
  return toPem(pkcs8, 'PRIVATE KEY');
}

export async function checkMtls(input: CheckMtlsInput): Promise<HandshakeReport> {
  const serverName = input.serverName.trim();
  if (!serverName) throw new AppError('INVALID_INPUT', 'mTLS check: the server name is empty');
  const server = {
    leaf: firstCertInfo(input.serverCertPem, 'server certificate'),
    chain: certs(input.serverChainPem, 'server chain certificate'),
  };
  const client = {
    leaf: firstCertInfo(input.clientCertPem, 'client certificate'),
    chain: certs(input.clientChainPem, 'client chain certificate'),
  };
  const serverTrusts = certs(input.serverTrustsPem ?? input.caCertsPem, 'CA certificate the server trusts');
  const clientTrusts = certs(input.clientTrustsPem ?? input.caCertsPem, 'CA certificate the client trusts');
  if (serverTrusts.length === 0 || clientTrusts.length === 0)
    throw new AppError('INVALID_INPUT', 'mTLS check: no CA certificate to trust');
  const crlDers = input.crlPem ? pemBlocksOf(input.crlPem, 'X509 CRL', 'mTLS check CRL') : [];
  const crls = crlDers.map(parseCrl);

  if (!input.skipPrecheck) {
    const f = precheck({
      server,
      client,
      serverTrusts,
      clientTrusts,
      serverName,
      crls,
      ...(input.now ? { now: input.now } : {}),
    });
    if (f) return fail(f, serverName);
  }

  const pem = (c: CertInfo): string => toPem(c.der, 'CERTIFICATE');
  const result = await runHandshake({
    serverCertChainPem: [server.leaf, ...server.chain].map(pem).join(''),
    serverKeyPem: DANGEROUS_keyPem(input.serverKeyPkcs8, 'mTLS check: server key'),
    clientCertChainPem: [client.leaf, ...client.chain].map(pem).join(''),
    clientKeyPem: DANGEROUS_keyPem(input.clientKeyPkcs8, 'mTLS check: client key'),
    serverTrustPem: serverTrusts.map(pem),
    clientTrustPem: clientTrusts.map(pem),
    crlPem: crlDers.map((d) => toPem(d, 'X509 CRL')),
    serverName,
    timeoutMs: input.timeoutMs ?? 5000,
    purposeReason: {
      server: purposeReason(server.leaf, 'server'),
      client: purposeReason(client.leaf, 'client'),
    },
  });
  if (!('ok' in result)) {
    const clockNote =
      input.now && (result.reason === 'expired' || result.reason === 'not-yet-valid')
        ? ` (by this computer's clock; the check time ${input.now.toISOString()} passed the date pre-check)`
        : '';
    return fail({ reason: result.reason, message: result.message + clockNote }, serverName);
  }
  return {
    ok: true,
    message: `mTLS handshake succeeded: the client verified "${serverName}", the server verified client "${result.peer.cn}"`,
    serverName,
    peer: result.peer,
    protocol: result.protocol,
    cipher: result.cipher,
  };
}
