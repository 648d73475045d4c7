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

const PROFILES = ['server', 'client', 'service', 'custom'] as const;

/** `--ku digitalSignature,keyAgreement` and repeated flags alike; the service checks each name. */
function listArg(values: string[]): string[] {
  return values
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

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
  summary: 'issue a server, client, service or custom certificate with a new key',
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
    ku: { type: 'string', multiple: true },
    eku: { type: 'string', multiple: true },
  },
  help: `Usage: certdesk issue server|client|service --ca CA_NAME --cn CN [--san TYPE:VALUE]... [--key ALG]
                      [--days N | --hours N] [--json]
       certdesk issue custom --ca CA_NAME --cn CN --ku USAGE[,USAGE]... [--eku NAME|OID]... [--san …] […]
       certdesk issue --batch FILE --ca CA_NAME [--json]

Issues a certificate signed by the vault CA named CA_NAME, with a new private key kept encrypted in the
vault (export it with \`certdesk export\`). Profiles: server (serverAuth), client (clientAuth), service (both),
custom (the key usages and extended key usages you list, as the app's custom profile).
SANs are checked before signing; TLS clients match host names against SANs only, never the CN.

Options:
  --ca CA_NAME       issuing CA (its CN, or its id)
  --cn CN            subject common name: the identity a server's ACL reads for client certificates
  --san TYPE:VALUE   subjectAltName in openssl syntax, repeatable or comma-separated:
                     DNS:user-service, IP:127.0.0.1, URI:spiffe://example.org/billing, email:ops@example.org
  --key ALG          ${KEY_ALGORITHMS.join(' | ')} (default: the vault setting, ec-p256)
  --days N           validity in days (default 397); never beyond the CA's own expiry
  --hours N          validity in hours instead (short-lived certificates)
  --ku USAGE         custom only: key usages, repeatable or comma-separated: digitalSignature,
                     nonRepudiation, keyEncipherment, dataEncipherment, keyAgreement, encipherOnly, decipherOnly
  --eku NAME|OID     custom only: extended key usages: serverAuth, clientAuth, codeSigning, emailProtection,
                     timeStamping, OCSPSigning, or a dotted OID (repeatable or comma-separated)
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
      throw usage('Give exactly one profile: certdesk issue server|client|service|custom …');
    const profile = oneOf(args.positionals[0], PROFILES, 'profile (first argument)');
    if (!profile) throw usage('Give a profile: server, client, service or custom');
    const keyUsages = listArg(args.strs('ku'));
    const extendedKeyUsages = listArg(args.strs('eku'));
    if (profile !== 'custom' && (keyUsages.length || extendedKeyUsages.length))
      throw usage('--ku and --eku belong to the custom profile: certdesk issue custom …');
    if (profile === 'custom' && keyUsages.length === 0)
      throw usage('A custom certificate needs at least one --ku (e.g. --ku digitalSignature)');
    const cn = args.required('cn');
    const caName = args.required('ca');
    const sans = parseSanArgs(args.strs('san'));
    const key = oneOf(args.str('key'), KEY_ALGORITHMS, 'key');
    const validity = parseValidity(args.str('days'), args.str('hours'));
    if ((profile === 'server' || profile === 'service') && sans.length === 0) {
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
      ...(profile === 'custom' ? { keyUsages, extendedKeyUsages } : {}),
    });
    if (args.bool('json')) printJson(io.stdout, issuedJson(r));
    else printIssued(io, `Issued ${profile} certificate`, r);
    return 0;
  },
};
