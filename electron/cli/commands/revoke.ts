import { REVOCATION_REASONS } from '../../../shared/domain/types';
import { oneOf } from '../arg-values';
import { JSON_OPT, type Command } from '../command';
import { usage } from '../errors';
import { println, printJson } from '../io';
import { resolveCert } from '../resolve';
import { VAULT_OPTIONS_HELP } from './common-help';

export const revokeCommand: Command = {
  path: ['revoke'],
  summary: 'revoke a certificate (publish it with `certdesk crl`)',
  positionals: 'one',
  options: { ...JSON_OPT, reason: { type: 'string' }, date: { type: 'string' } },
  help: `Usage: certdesk revoke ID [--reason REASON] [--date ISO-8601] [--json]

Marks the certificate revoked in the vault. Relying parties learn it from the next CRL of its CA.

Options:
  --reason REASON   ${REVOCATION_REASONS.join(' | ')} (default unspecified)
  --date TIME       revocation time, e.g. 2026-03-01T00:00:00Z (default now)
  --json            print the updated summary
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const reason = oneOf(args.str('reason'), REVOCATION_REASONS, 'reason');
    const dateText = args.str('date');
    let date: string | undefined;
    if (dateText !== undefined) {
      const t = Date.parse(dateText);
      if (Number.isNaN(t))
        throw usage(`--date "${dateText}" is not a date (use ISO 8601, e.g. 2026-03-01T00:00:00Z)`);
      date = new Date(t).toISOString();
    }
    const client = await open();
    const cert = await resolveCert(client, args.positionals[0] ?? '', io.now());
    const s = await client.call('certs:revoke', {
      id: cert.id,
      ...(reason ? { reason } : {}),
      ...(date ? { date } : {}),
    });
    if (args.bool('json')) printJson(io.stdout, s);
    else
      println(
        io.stdout,
        `Revoked ${s.cn} (id ${s.id}, serial ${s.serial}): ${s.revoked?.reason ?? ''}. Publish it with \`certdesk crl --ca …\``,
      );
    return 0;
  },
};
