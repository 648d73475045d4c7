/** Test helpers: loopback TLS 1.3 mutual-TLS handshakes with Node's tls and with openssl s_server/s_client. */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer as createNetServer, isIP } from 'node:net';
import { connect, createServer, type TLSSocket } from 'node:tls';

export interface MtlsFiles {
  /** PEMs */
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** CA bundle each side trusts */
  ca: string;
  /** CA bundle the server trusts for client certs (default: ca) */
  clientCa?: string;
}

export interface MtlsOutcome {
  ok: boolean;
  /** CN of the client certificate as the server saw it */
  serverSawCn?: string;
  protocol?: string;
  clientError?: string;
  serverError?: string;
}

/** Server requires and verifies the client cert; client verifies the server name. Resolves, never hangs (guard timer). */
/**
 * `diagnose`: the server asks for the client certificate but decides itself (rejectUnauthorized false +
 * socket.authorized), so a refusal carries OpenSSL's reason code instead of a bare "socket hang up".
 */
export function nodeMtls(files: MtlsFiles, serverName: string, diagnose = false): Promise<MtlsOutcome> {
  return new Promise((resolve) => {
    const out: MtlsOutcome = { ok: false };
    let clientClosed = false;
    let serverDone = false;
    const server = createServer(
      {
        cert: files.serverCert,
        key: files.serverKey,
        ca: files.clientCa ?? files.ca,
        requestCert: true,
        rejectUnauthorized: !diagnose,
        minVersion: 'TLSv1.3',
      },
      (socket: TLSSocket) => {
        if (!socket.authorized) {
          out.serverError = String(socket.authorizationError);
          socket.destroy();
          serverDone = true;
          finish();
          return;
        }
        out.serverSawCn = String(socket.getPeerCertificate().subject?.CN ?? '');
        socket.end('hello from user-service\n');
        serverDone = true;
        finish();
      },
    );
    server.on('tlsClientError', (e) => {
      out.serverError = e.message;
      serverDone = true;
      finish();
    });
    const guard = setTimeout(() => {
      out.clientError ??= 'guard timeout';
      serverDone = clientClosed = true;
      finish();
    }, 15_000);
    function finish(): void {
      if (!clientClosed || !serverDone) return;
      clearTimeout(guard);
      server.close();
      resolve(out);
    }
    server.listen(0, '127.0.0.1', () => {
      const addr = server.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      const client = connect({
        host: '127.0.0.1',
        port,
        // RFC 6066 forbids IP addresses in SNI: Node then checks the host (an IP) against the IP SANs
        ...(isIP(serverName) ? {} : { servername: serverName }),
        cert: files.clientCert,
        key: files.clientKey,
        ca: files.ca,
        minVersion: 'TLSv1.3',
        rejectUnauthorized: true,
      });
      let data = '';
      client.on('secureConnect', () => {
        out.protocol = client.getProtocol() ?? undefined;
      });
      client.on('data', (d: Buffer) => {
        data += d.toString();
      });
      client.on('error', (e: Error) => {
        out.clientError = e.message;
        // A client rejected before the handshake completes never reaches the server callback.
        if (!serverDone && e.message.includes('altname')) serverDone = true;
      });
      client.on('close', () => {
        out.ok = data.includes('hello from user-service') && !out.clientError && !out.serverError;
        clientClosed = true;
        finish();
      });
    });
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createNetServer();
    s.listen(0, '127.0.0.1', () => {
      const a = s.address();
      const port = typeof a === 'object' && a ? a.port : 0;
      s.close(() => resolve(port));
    });
    s.on('error', reject);
  });
}

function waitFor(child: ChildProcess, pattern: RegExp, sink: { text: string }): Promise<boolean> {
  return new Promise((resolve) => {
    const onData = (d: Buffer): void => {
      sink.text += d.toString();
      if (pattern.test(sink.text)) resolve(true);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', () => resolve(pattern.test(sink.text)));
  });
}

export interface OpensslMtlsOutcome {
  clientOk: boolean;
  serverSawCn: string | null;
  clientOutput: string;
  serverOutput: string;
}

/** openssl s_server -Verify 1 -tls1_3 and s_client -tls1_3 on 127.0.0.1, files in `cwd`; both processes are always killed. */
export async function opensslMtls(
  cwd: string,
  f: { serverCert: string; serverKey: string; clientCert: string; clientKey: string; ca: string },
  serverName: string,
): Promise<OpensslMtlsOutcome> {
  const port = await freePort();
  const server = spawn(
    'openssl',
    [
      's_server',
      '-accept',
      `127.0.0.1:${port}`,
      '-naccept',
      '1',
      '-tls1_3',
      '-Verify',
      '1',
      '-verify_return_error',
      '-cert',
      f.serverCert,
      '-key',
      f.serverKey,
      '-CAfile',
      f.ca,
    ],
    { cwd, stdio: 'pipe' },
  );
  const serverOut = { text: '' };
  const clientOut = { text: '' };
  let client: ChildProcess | null = null;
  const guard = setTimeout(() => {
    server.kill('SIGKILL');
    client?.kill('SIGKILL');
  }, 20_000);
  try {
    if (!(await waitFor(server, /ACCEPT/, serverOut)))
      throw new Error(`s_server did not start: ${serverOut.text}`);
    const c = spawn(
      'openssl',
      [
        's_client',
        '-connect',
        `127.0.0.1:${port}`,
        '-tls1_3',
        '-cert',
        f.clientCert,
        '-key',
        f.clientKey,
        '-CAfile',
        f.ca,
        '-verify_return_error',
        '-verify_hostname',
        serverName,
        '-servername',
        serverName,
        '-brief',
      ],
      { cwd, stdio: 'pipe' },
    );
    client = c;
    // s_client may exit (e.g. on a refused handshake) before we write: a closed pipe is an outcome, not a crash
    c.stdin.on('error', () => undefined);
    const established = await waitFor(c, /Verification: OK|error|alert|DONE/i, clientOut);
    if (established) c.stdin.write('hello from billing-service\n');
    c.stdin.end();
    const exited = new Promise<number | null>((resolve) => c.on('exit', (code) => resolve(code)));
    await waitFor(server, /hello from billing-service|ERROR|error/, serverOut);
    const code = await exited;
    const cn = /subject=CN = ([^\n]+)/.exec(serverOut.text)?.[1]?.trim() ?? null;
    return {
      clientOk: code === 0 && /Verification: OK/.test(clientOut.text),
      serverSawCn: cn,
      clientOutput: clientOut.text,
      serverOutput: serverOut.text,
    };
  } finally {
    clearTimeout(guard);
    server.kill('SIGKILL');
    client?.kill('SIGKILL');
  }
}
