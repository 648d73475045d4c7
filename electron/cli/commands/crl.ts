import { writeFileSync } from 'node:fs';
import { parsePositiveInt } from '../arg-values';
import { JSON_OPT, type Command } from '../command';
import { CliError, EXIT } from '../errors';
import { println, printJson } from '../io';
import { resolveCa } from '../resolve';
import { VAULT_OPTIONS_HELP } from './common-help';

export const crlCommand: Command = {
  path: ['crl'],
  summary: "generate the CA's next CRL and write it as PEM",
  positionals: 'none',
  options: {
    ...JSON_OPT,
    ca: { type: 'string' },
    days: { type: 'string' },
    out: { type: 'string' },
    force: { type: 'boolean' },
  },
  help: `Usage: certdesk crl --ca CA_NAME [--days N] --out FILE [--force] [--json]

Signs a new CRL listing every certificate of the CA revoked so far. The CRL number increments each time.

Options:
  --ca CA_NAME   the CA
  --days N       next update in N days (default: the vault setting, 7)
  --out FILE     where to write the PEM CRL (refuses to overwrite unless --force)
  --json         print {"caId","number","thisUpdate","nextUpdate"}
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const caName = args.required('ca');
    const out = args.required('out');
    const days = parsePositiveInt(args.str('days'), 'days');
    const client = await open();
    const ca = await resolveCa(client, caName, io.now());
    const crl = await client.call('crl:generate', { caId: ca.id, ...(days ? { days } : {}) });
    try {
      writeFileSync(out, crl.pem, { flag: args.bool('force') ? 'w' : 'wx' });
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      throw new CliError(
        EXIT.io,
        `Cannot write ${out}: ${code === 'EEXIST' ? 'the file exists (use --force)' : (code ?? String(e))}`,
        'EXPORT_FAILED',
      );
    }
    if (args.bool('json'))
      printJson(io.stdout, {
        caId: crl.caId,
        number: crl.number,
        thisUpdate: crl.thisUpdate,
        nextUpdate: crl.nextUpdate,
        out,
      });
    else println(io.stdout, `Wrote CRL #${crl.number} of ${ca.cn} to ${out} (next update ${crl.nextUpdate})`);
    return 0;
  },
};
