import { parseValidity } from '../arg-values';
import { JSON_OPT, type Command } from '../command';
import { printJson } from '../io';
import { resolveCert } from '../resolve';
import { VAULT_OPTIONS_HELP } from './common-help';
import { issuedJson, printIssued } from './format';

export const renewCommand: Command = {
  path: ['renew'],
  summary: 'renew a certificate: same subject, SANs and profile, new key and validity',
  positionals: 'one',
  options: {
    ...JSON_OPT,
    days: { type: 'string' },
    hours: { type: 'string' },
    'keep-key': { type: 'boolean' },
    'revoke-old': { type: 'boolean' },
  },
  help: `Usage: certdesk renew ID [--days N | --hours N] [--keep-key] [--revoke-old] [--json]

Issues a successor with the same subject, SANs and profile. A new key is generated unless --keep-key.
The new certificate records which one it replaces (see \`certdesk show ID\`).

Options:
  --days N / --hours N   new validity (default: the old certificate's lifetime)
  --keep-key             re-certify the existing key instead of generating a new one
  --revoke-old           revoke the old certificate with reason "superseded"
  --json                 print {"id","serial","cn","notAfter","sha256"}
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const validity = parseValidity(args.str('days'), args.str('hours'));
    const client = await open();
    const cert = await resolveCert(client, args.positionals[0] ?? '', io.now(), 'leaf');
    const r = await client.call('certs:renew', {
      id: cert.id,
      ...(validity ? { validity } : {}),
      ...(args.bool('keep-key') ? { keepKey: true } : {}),
      ...(args.bool('revoke-old') ? { revokeOld: true } : {}),
    });
    if (args.bool('json')) printJson(io.stdout, issuedJson(r));
    else printIssued(io, `Renewed ${cert.id} as`, r);
    return 0;
  },
};
