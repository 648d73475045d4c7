/**
 * A real TLS 1.3 mutual-TLS handshake over loopback with Node's `tls` (OpenSSL), reporting what the server
 * saw or why it failed, with bounded time and every socket closed.
 */
import { isIP, type AddressInfo, type Socket } from 'node:net';
import * as tls from 'node:tls';
import { certInfoFromDer } from '../pki/cert-info';
import type { Failure, Reason, Side } from './precheck';

export interface HandshakeMaterial {
  serverCertChainPem: string;
  /** PEM "PRIVATE KEY", in memory only */
  serverKeyPem: string;
  clientCertChainPem: string;
  clientKeyPem: string;
  /** what the server accepts client certificates from (Go's ClientCAs) */
  serverTrustPem: string[];
  /** what the client accepts the server certificate from (Go's RootCAs) */
  clientTrustPem: string[];
  crlPem: string[];
  serverName: string;
  timeoutMs: number;
  /** what OpenSSL's "unsupported certificate purpose" means for each side's certificate (EKU or KeyUsage) */
  purposeReason: Record<Side, Reason>;
}

export interface HandshakeSuccess {
  ok: true;
  peer: { cn: string; uris: string[] };
  protocol: string;
  cipher: string;
}

/** OpenSSL verify codes (as Node surfaces them) → our reasons; which side's certificate failed is known by the caller. */
const VERIFY_CODES: Record<string, Reason | 'eku'> = {
  CERT_HAS_EXPIRED: 'expired',
  CERT_NOT_YET_VALID: 'not-yet-valid',
  CERT_REVOKED: 'revoked',
  INVALID_PURPOSE: 'eku',
  UNABLE_TO_GET_ISSUER_CERT: 'unknown-ca',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unknown-ca',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unknown-ca',
  SELF_SIGNED_CERT_IN_CHAIN: 'unknown-ca',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'unknown-ca',
  CERT_SIGNATURE_FAILURE: 'unknown-ca',
  CERT_UNTRUSTED: 'unknown-ca',
  ERR_TLS_CERT_ALTNAME_INVALID: 'name-mismatch',
};

function classify(
  side: Side,
  code: string | undefined,
  detail: string,
  purposeReason: Record<Side, Reason>,
): Failure {
  const mapped = code ? VERIFY_CODES[code] : undefined;
  const who = `the ${side} certificate`;
  if (mapped === 'eku') {
    const reason = purposeReason[side];
    const why =
      reason === 'server-key-usage' || reason === 'client-key-usage'
        ? `its KeyUsage does not allow a TLS ${side}`
        : `${side === 'server' ? 'serverAuth' : 'clientAuth'} EKU missing`;
    return { reason, message: `Handshake refused ${who}: unsupported purpose (${why}) [${code}]` };
  }
  if (mapped) return { reason: mapped, message: `Handshake refused ${who}: ${detail} [${code}]` };
  return { reason: 'other', message: `Handshake failed (${who}): ${detail}${code ? ` [${code}]` : ''}` };
}

function errCode(e: unknown): string | undefined {
  return typeof e === 'object' && e !== null && 'code' in e && typeof e.code === 'string'
    ? e.code
    : undefined;
}

export async function runHandshake(m: HandshakeMaterial): Promise<HandshakeSuccess | Failure> {
  let server: tls.Server;
  let client: tls.TLSSocket | null = null;
  const serverSockets = new Set<Socket>();
  try {
    server = tls.createServer({
      cert: m.serverCertChainPem,
      key: m.serverKeyPem,
      ca: m.serverTrustPem,
      ...(m.crlPem.length ? { crl: m.crlPem } : {}),
      minVersion: 'TLSv1.3',
      requestCert: true,
      // Node implements a server's rejectUnauthorized as a check of this same OpenSSL verify result after the
      // handshake (lib/_tls_wrap.js onServerSocketSecure) and then drops the socket silently, losing the reason.
      // We make that check ourselves below, so the refusal is identical and the reason is kept.
      rejectUnauthorized: false,
    });
  } catch (e) {
    return {
      reason: 'other',
      message: `The server certificate or key cannot be used: ${(e as Error).message}`,
    };
  }
  try {
    return await new Promise<HandshakeSuccess | Failure>((resolve) => {
      let serverVerdict: { ok: true; peer: HandshakeSuccess['peer'] } | Failure | null = null;
      let clientDone: { protocol: string; cipher: string } | null = null;
      let settled = false;
      const settle = (r: HandshakeSuccess | Failure): void => {
        if (!settled) {
          settled = true;
          clearTimeout(timer);
          resolve(r);
        }
      };
      const maybeDone = (): void => {
        if (serverVerdict && 'reason' in serverVerdict) settle(serverVerdict);
        else if (serverVerdict && clientDone) settle({ ok: true, peer: serverVerdict.peer, ...clientDone });
      };
      const timer = setTimeout(
        () =>
          settle({ reason: 'other', message: `The handshake did not finish within ${m.timeoutMs / 1000} s` }),
        m.timeoutMs,
      );

      // Raw server-side connections are deliberately not tracked: destroying the net.Socket under a live
      // TLSSocket segfaults Node 20 (seen here). One still mid-handshake ends when our client is destroyed,
      // and server.close() below waits for that.
      server.on('secureConnection', (s: tls.TLSSocket) => {
        serverSockets.add(s);
        s.on('error', () => undefined);
        if (!s.authorized) {
          const code =
            typeof s.authorizationError === 'string' ? s.authorizationError : s.authorizationError?.message;
          serverVerdict = classify(
            'client',
            code,
            code ? 'the server could not verify it' : 'the client sent no certificate',
            m.purposeReason,
          );
          s.destroy();
        } else {
          const peer = s.getPeerCertificate(false);
          const info = certInfoFromDer(new Uint8Array(peer.raw), 'client certificate seen by the server');
          serverVerdict = { ok: true, peer: { cn: info.cn, uris: info.uris } };
          s.end();
        }
        maybeDone();
      });
      server.on('tlsClientError', (e) => {
        serverVerdict = classify('client', errCode(e), e.message, m.purposeReason);
        maybeDone();
      });
      server.listen(0, '127.0.0.1', () => {
        if (settled) return; // timed out before listening: connect to nothing
        const { port } = server.address() as AddressInfo;
        try {
          client = tls.connect({
            host: '127.0.0.1',
            port,
            // RFC 6066 forbids an IP address as SNI; the identity check below still uses the name we were given.
            ...(isIP(m.serverName) ? {} : { servername: m.serverName }),
            checkServerIdentity: (_host, cert) => tls.checkServerIdentity(m.serverName, cert),
            ca: m.clientTrustPem,
            ...(m.crlPem.length ? { crl: m.crlPem } : {}),
            cert: m.clientCertChainPem,
            key: m.clientKeyPem,
            minVersion: 'TLSv1.3',
            rejectUnauthorized: true,
          });
        } catch (e) {
          settle({
            reason: 'other',
            message: `The client certificate or key cannot be used: ${(e as Error).message}`,
          });
          return;
        }
        const c = client;
        c.on('secureConnect', () => {
          clientDone = {
            protocol: c.getProtocol() ?? '',
            cipher: c.getCipher().standardName || c.getCipher().name,
          };
          maybeDone();
        });
        c.on('error', (e: Error) => {
          // After our own successful handshake the server may still refuse our certificate (TLS 1.3 verifies the
          // client last): wait for the server's verdict, which names the real reason.
          if (clientDone && !serverVerdict) return;
          if (serverVerdict && 'reason' in serverVerdict) return maybeDone();
          settle(classify('server', errCode(e), e.message, m.purposeReason));
        });
        c.on('close', () => {
          if (clientDone && !serverVerdict) setTimeout(maybeDone, 0);
        });
      });
      server.on('error', (e: Error) =>
        settle({ reason: 'other', message: `Loopback server failed: ${e.message}` }),
      );
    });
  } finally {
    const sockets = [...serverSockets, ...(client ? [client as tls.TLSSocket] : [])];
    await Promise.all([...sockets.map(destroyAndWait), closeServer(server)]);
  }
}

/** Resolves once the socket's handle is really closed, so callers never leak a descriptor past the check. */
function destroyAndWait(s: Socket): Promise<void> {
  if (s.closed) return Promise.resolve();
  return new Promise((resolve) => {
    s.once('close', () => resolve());
    s.destroy();
  });
}

/** server.close() waits for every connection; bound it so a stuck peer can never hang the check. */
function closeServer(server: tls.Server): Promise<void> {
  return new Promise((resolve) => {
    const guard = setTimeout(resolve, 2000);
    guard.unref();
    server.close(() => {
      clearTimeout(guard);
      resolve();
    });
  });
}
