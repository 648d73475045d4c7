import { JSON_OPT, type Command } from '../command';
import { EXIT } from '../errors';
import { println, printJson } from '../io';
import { resolveCert } from '../resolve';
import { VAULT_OPTIONS_HELP } from './common-help';

export const checkMtlsCommand: Command = {
  path: ['check-mtls'],
  summary: 'run a loopback TLS 1.3 mTLS handshake with a server and a client certificate',
  positionals: 'none',
  options: {
    ...JSON_OPT,
    server: { type: 'string' },
    client: { type: 'string' },
    name: { type: 'string' },
    'server-trust': { type: 'string' },
    'client-trust': { type: 'string' },
  },
  help: `Usage: certdesk check-mtls --server ID --client ID --name SERVER_NAME [--server-trust CA,…]
                          [--client-trust CA,…] [--json]

Starts a loopback TLS 1.3 server with the server certificate that requires and verifies client
certificates, connects with the client certificate to SERVER_NAME, and reports the identity the server
sees (CN, URI SANs) or the exact reason it failed. Exit status 0 on success, 1 on a failed handshake.
As deployed from the export bundles, the server trusts only the root of its own chain (its ca.crt) for
client certificates, and the client only the root of its own chain for the server: a client from
another root fails with unknown-ca, as a real server would refuse it.

Options:
  --server ID         server certificate (id, serial or CN)
  --client ID         client certificate
  --name SERVER_NAME  the name the client dials (must be one of the server certificate's SANs)
  --server-trust CAS  comma-separated CAs (id or CN) the server accepts clients from instead
  --client-trust CAS  comma-separated CAs (id or CN) the client accepts the server from instead
  --json              print the handshake report
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const serverRef = args.required('server');
    const clientRef = args.required('client');
    const serverName = args.required('name');
    const client = await open({ readOnly: true });
    const server = await resolveCert(client, serverRef, io.now(), 'leaf');
    const peer = await resolveCert(client, clientRef, io.now(), 'leaf');
    const trustIds = async (flag: 'server-trust' | 'client-trust'): Promise<string[] | undefined> => {
      const refs = args
        .str(flag)
        ?.split(',')
        .map((s) => s.trim())
        .filter(Boolean);
      if (!refs?.length) return undefined;
      return Promise.all(refs.map(async (ref) => (await resolveCert(client, ref, io.now(), 'ca')).id));
    };
    const serverTrustIds = await trustIds('server-trust');
    const clientTrustIds = await trustIds('client-trust');
    const r = await client.call('tls:checkMtls', {
      serverId: server.id,
      clientId: peer.id,
      serverName,
      ...(serverTrustIds ? { serverTrustIds } : {}),
      ...(clientTrustIds ? { clientTrustIds } : {}),
    });
    if (args.bool('json')) printJson(io.stdout, r);
    else if (r.ok) {
      println(io.stdout, `ok: ${r.message}`);
      if (r.peer)
        println(
          io.stdout,
          `  server sees client CN=${r.peer.cn}${r.peer.uris.length ? `, URIs ${r.peer.uris.join(', ')}` : ''}`,
        );
      if (r.protocol) println(io.stdout, `  ${r.protocol} ${r.cipher ?? ''}`);
    } else println(io.stderr, `FAILED (${r.reason ?? 'other'}): ${r.message}`);
    return r.ok ? 0 : EXIT.checkFailed;
  },
};
