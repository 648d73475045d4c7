import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { KEY_ALGORITHMS } from '../../../shared/domain/types';
import { oneOf, parseSanArgs, parseValidity } from '../arg-values';
import { JSON_OPT, type Command, type CommandContext } from '../command';
import { CliError, EXIT, usage } from '../errors';
import { println, printJson, table } from '../io';
import { resolveCa } from '../resolve';
import { VAULT_OPTIONS_HELP } from './common-help';
import { issuedJson, printIssued } from './format';

const PROFILES = ['server', 'client', 'service'] as const;

async function runBatch({ io, args, open }: CommandContext, file: string): Promise<number> {
  let manifest: string;
  try {
    manifest = readFileSync(file, 'utf8');
  } catch (e) {
    throw usage(`Cannot read the batch file ${file}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  const client = await open();
  const ca = await resolveCa(client, args.required('ca'), io.now());
  const r = await client.call('batch:issue', { caId: ca.id, manifest, batchId: randomUUID() });
  if (args.bool('json')) printJson(io.stdout, r);
  else {
    println(
      io.stdout,
      `Issued ${r.issued} of ${r.rows.length} certificates from ${file}${r.failed ? `; ${r.failed} failed` : ''}`,
    );
    const bad = r.rows.filter((x) => x.status !== 'issued');
    if (bad.length)
      println(io.stderr, table(bad.map((x) => [`row ${x.index}`, x.name, x.status, x.errors.join('; ')])));
  }
  return r.failed > 0 ? EXIT.refused : 0;
}

export const issueCommand: Command = {
  path: ['issue'],
  summary: 'issue a server, client or service certificate with a new key',
  positionals: 'many',
  options: {
    ...JSON_OPT,
    ca: { type: 'string' },
    cn: { type: 'string' },
    san: { type: 'string', multiple: true },
    key: { type: 'string' },
    days: { type: 'string' },
    hours: { type: 'string' },
    batch: { type: 'string' },
  },
  help: `Usage: certdesk issue server|client|service --ca CA_NAME --cn CN [--san TYPE:VALUE]... [--key ALG]
                      [--days N | --hours N] [--json]
       certdesk issue --batch FILE --ca CA_NAME [--json]

Issues a certificate signed by the vault CA named CA_NAME, with a new private key kept encrypted in the
vault (export it with \`certdesk export\`). Profiles: server (serverAuth), client (clientAuth), service (both).
SANs are checked before signing; TLS clients match host names against SANs only, never the CN.

Options:
  --ca CA_NAME       issuing CA (its CN, or its id)
  --cn CN            subject common name: the identity a server's ACL reads for client certificates
  --san TYPE:VALUE   subjectAltName in openssl syntax, repeatable or comma-separated:
                     DNS:user-service, IP:127.0.0.1, URI:spiffe://example.org/billing, email:ops@example.org
  --key ALG          ${KEY_ALGORITHMS.join(' | ')} (default: the vault setting, ec-p256)
  --days N           validity in days (default 397); never beyond the CA's own expiry
  --hours N          validity in hours instead (short-lived certificates)
  --batch FILE       issue every row of a CSV/JSON manifest (see docs/cli.md)
  --json             print {"id","serial","cn","notAfter","sha256"}
${VAULT_OPTIONS_HELP}

Example:
  certdesk issue server --ca mygrpc-ca --cn user-service \\
      --san DNS:user-service,DNS:user-service.internal,DNS:localhost,IP:127.0.0.1`,
  async run(ctx) {
    const { io, args, open } = ctx;
    const batch = args.str('batch');
    if (batch) {
      if (args.positionals.length)
        throw usage('--batch takes the profiles from the manifest: drop the server|client|service word');
      return runBatch(ctx, batch);
    }
    if (args.positionals.length !== 1)
      throw usage('Give exactly one profile: certdesk issue server|client|service …');
    const profile = oneOf(args.positionals[0], PROFILES, 'profile (first argument)');
    if (!profile) throw usage('Give a profile: server, client or service');
    const cn = args.required('cn');
    const caName = args.required('ca');
    const sans = parseSanArgs(args.strs('san'));
    const key = oneOf(args.str('key'), KEY_ALGORITHMS, 'key');
    const validity = parseValidity(args.str('days'), args.str('hours'));
    if (profile !== 'client' && sans.length === 0) {
      throw new CliError(
        EXIT.usage,
        `A ${profile} certificate needs at least one --san (e.g. --san DNS:${cn}): TLS clients ignore the CN for host names`,
        'INVALID_SAN',
      );
    }
    const client = await open();
    const ca = await resolveCa(client, caName, io.now());
    const r = await client.call('certs:issue', {
      caId: ca.id,
      profile,
      subject: { cn },
      sans,
      ...(key ? { key } : {}),
      ...(validity ? { validity } : {}),
    });
    if (args.bool('json')) printJson(io.stdout, issuedJson(r));
    else printIssued(io, `Issued ${profile} certificate`, r);
    return 0;
  },
};
