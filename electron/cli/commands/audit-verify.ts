import { JSON_OPT, type Command } from '../command';
import { EXIT } from '../errors';
import { println, printJson } from '../io';
import { VAULT_OPTIONS_HELP } from './common-help';

export const auditVerifyCommand: Command = {
  path: ['audit', 'verify'],
  summary: 'check the audit log hash chain; exit 1 when it is broken',
  positionals: 'none',
  options: JSON_OPT,
  help: `Usage: certdesk audit verify [--json]

Re-checks every entry of the audit log's hash chain, and that the log still reaches the head recorded in
the (authenticated) vault, so edited, removed, reordered or truncated entries are detected.
Exit status 0 when intact, 1 when broken. Opens the vault read-only.
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const client = await open({ readOnly: true });
    const r = await client.call('audit:verify', {});
    if (args.bool('json')) printJson(io.stdout, r);
    else
      println(
        r.ok ? io.stdout : io.stderr,
        `${r.ok ? 'ok' : 'BROKEN'}: ${r.message} (${r.entries} entries${r.brokenAt ? `, first bad entry #${r.brokenAt}` : ''})`,
      );
    return r.ok ? 0 : EXIT.checkFailed;
  },
};
