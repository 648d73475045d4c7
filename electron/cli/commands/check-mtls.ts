import { JSON_OPT, type Command } from '../command';
import { EXIT } from '../errors';
import { println, printJson } from '../io';
import { resolveCert } from '../resolve';
import { VAULT_OPTIONS_HELP } from './common-help';

export const checkMtlsCommand: Command = {
  path: ['check-mtls'],
  summary: 'run a loopback TLS 1.3 mTLS handshake with a server and a client certificate',
  positionals: 'none',
  options: { ...JSON_OPT, server: { type: 'string' }, client: { type: 'string' }, name: { type: 'string' } },
  help: `Usage: certdesk check-mtls --server ID --client ID --name SERVER_NAME [--json]

Starts a loopback TLS 1.3 server with the server certificate that requires and verifies client
certificates, connects with the client certificate to SERVER_NAME, and reports the identity the server
sees (CN, URI SANs) or the exact reason it failed. Exit status 0 on success, 1 on a failed handshake.

Options:
  --server ID         server certificate (id, serial or CN)
  --client ID         client certificate
  --name SERVER_NAME  the name the client dials (must be one of the server certificate's SANs)
  --json              print the handshake report
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const serverRef = args.required('server');
    const clientRef = args.required('client');
    const serverName = args.required('name');
    const client = await open({ readOnly: true });
    const server = await resolveCert(client, serverRef, io.now(), 'leaf');
    const peer = await resolveCert(client, clientRef, io.now(), 'leaf');
    const r = await client.call('tls:checkMtls', { serverId: server.id, clientId: peer.id, serverName });
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
