import { readFileSync, writeFileSync } from 'node:fs';
import { toPem } from '../../core/pki';
import { oneOf, parsePositiveInt, parseSanArgs } from '../arg-values';
import { JSON_OPT, type Command } from '../command';
import { usage } from '../errors';
import { println, printJson } from '../io';
import {
  NAME_CONSTRAINT_HELP,
  NAME_CONSTRAINT_OPTIONS,
  NAME_CONSTRAINT_USAGE,
  nameConstraintArgs,
} from '../name-constraint-args';
import { resolveCa } from '../resolve';
import { VAULT_OPTIONS_HELP } from './common-help';
import { issuedJson, printIssued } from './format';

const PROFILES = ['server', 'client', 'service', 'intermediate'] as const;

export const signCsrCommand: Command = {
  path: ['sign-csr'],
  summary: 'sign an external PKCS#10 CSR (e.g. an intermediate from step-ca or Vault)',
  positionals: 'none',
  options: {
    ...JSON_OPT,
    ca: { type: 'string' },
    csr: { type: 'string' },
    profile: { type: 'string' },
    san: { type: 'string', multiple: true },
    days: { type: 'string' },
    'path-len': { type: 'string' },
    out: { type: 'string' },
    ...NAME_CONSTRAINT_OPTIONS,
  },
  help: `Usage: certdesk sign-csr --ca CA_NAME --csr FILE --profile server|client|service|intermediate
                         [--san TYPE:VALUE]... [--days N] [--path-len N] [--out FILE] [--json]
    ${NAME_CONSTRAINT_USAGE}   (intermediate only)

Verifies the CSR's signature and signs it with the vault CA. The CSR's subject is kept; its requested
SANs are used unless --san is given (then the --san list replaces them). The private key stays wherever
the CSR was made. With --profile intermediate the result is a CA certificate (keep the root offline here
and run online issuance in step-ca or Vault); give it name constraints so the online CA can only issue
for your names.

Options:
  --ca CA_NAME        signing CA
  --csr FILE          PKCS#10 request, PEM or DER
  --profile P         server | client | service | intermediate
  --san TYPE:VALUE    replace the requested SANs (repeatable or comma-separated)
  --days N            validity in days
  --path-len N        intermediate only: pathLenConstraint
  --out FILE          write the signed certificate (PEM) to FILE
  --json              print {"id","serial","cn","notAfter","sha256","pem"}

${NAME_CONSTRAINT_HELP}
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const caName = args.required('ca');
    const csrFile = args.required('csr');
    const profile = oneOf(args.required('profile'), PROFILES, 'profile');
    if (!profile) throw usage('--profile is required');
    const sanArgs = args.strs('san');
    const days = parsePositiveInt(args.str('days'), 'days');
    const pathLenText = args.str('path-len');
    const pathLen = pathLenText === undefined ? undefined : Number(pathLenText);
    if (pathLen !== undefined && !(Number.isInteger(pathLen) && pathLen >= 0))
      throw usage('--path-len must be a whole number ≥ 0');
    const nc = nameConstraintArgs(args);
    if (nc && profile !== 'intermediate')
      throw usage('Name constraints (--permit-*/--exclude-*) need --profile intermediate');
    let csrPem: string;
    try {
      const bytes = readFileSync(csrFile);
      csrPem = bytes.includes('-----BEGIN')
        ? bytes.toString('utf8')
        : toPem(new Uint8Array(bytes), 'CERTIFICATE REQUEST');
    } catch (e) {
      throw usage(`Cannot read the CSR file ${csrFile}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    const client = await open();
    const ca = await resolveCa(client, caName, io.now());
    const r = await client.call('certs:signCsr', {
      caId: ca.id,
      csrPem,
      profile,
      ...(sanArgs.length ? { sans: parseSanArgs(sanArgs) } : {}),
      ...(days ? { validity: { days } } : {}),
      ...(pathLen !== undefined ? { pathLen } : {}),
      ...(nc ? { nameConstraints: nc } : {}),
    });
    const out = args.str('out');
    if (out) writeFileSync(out, r.pem, { flag: 'wx' });
    if (args.bool('json')) printJson(io.stdout, { ...issuedJson(r), pem: r.pem });
    else {
      printIssued(io, `Signed ${profile} certificate`, r);
      if (out) println(io.stdout, `Wrote ${out}`);
    }
    return 0;
  },
};
