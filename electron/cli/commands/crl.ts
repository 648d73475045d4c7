import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { oneOf, parsePositiveInt } from '../arg-values';
import { JSON_OPT, type Command } from '../command';
import { CliError, EXIT } from '../errors';
import { println, printJson } from '../io';
import { resolveCa } from '../resolve';
import { VAULT_OPTIONS_HELP } from './common-help';

export const crlCommand: Command = {
  path: ['crl'],
  summary: "generate the CA's next CRL and write it as PEM or DER",
  positionals: 'none',
  options: {
    ...JSON_OPT,
    ca: { type: 'string' },
    days: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
    format: { type: 'string' },
  },
  help: `Usage: certdesk crl --ca CA_NAME [--days N] --out FILE [--format pem|der] [--force] [--json]

Signs a new CRL listing every certificate of the CA revoked so far. The CRL number increments each time.
The file is written beside FILE, read back, then renamed into place; the write is recorded in the audit log.

Options:
  --ca CA_NAME   the CA
  --days N       next update in N days (default: the vault setting, 7)
  --out FILE     where to write the CRL (refuses to overwrite unless --force)
  --format F     pem (default; nginx ssl_crl, openssl -CRLfile) or der (binary, e.g. for a CDP URL)
  --json         print {"caId","number","thisUpdate","nextUpdate","out","format","sha256"}
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const caName = args.required('ca');
    const out = resolve(args.required('out'));
    const days = parsePositiveInt(args.str('days'), 'days');
    const format = oneOf(args.str('format'), ['pem', 'der'] as const, 'format') ?? 'pem';
    const force = args.bool('force');
    // Checked before signing, so a refused write does not use up a CRL number.
    if (!force && existsSync(out))
      throw new CliError(
        EXIT.io,
        `Cannot write ${out}: the file exists (use --force)`,
        'EXPORT_TARGET_EXISTS',
      );
    const client = await open();
    const ca = await resolveCa(client, caName, io.now());
    const crl = await client.call('crl:generate', { caId: ca.id, ...(days ? { days } : {}) });
    const saved = await client.call('crl:save', {
      caId: ca.id,
      fileGrant: client.grant(out, 'write-file'),
      format,
      ...(force ? { overwrite: true } : {}),
    });
    if (args.bool('json'))
      printJson(io.stdout, {
        caId: crl.caId,
        number: crl.number,
        thisUpdate: crl.thisUpdate,
        nextUpdate: crl.nextUpdate,
        out,
        format,
        sha256: saved.sha256,
      });
    else
      println(
        io.stdout,
        `Wrote CRL #${crl.number} of ${ca.cn} to ${out} as ${format.toUpperCase()} (next update ${crl.nextUpdate})`,
      );
    return 0;
  },
};
