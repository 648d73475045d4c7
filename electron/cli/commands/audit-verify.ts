import type { AuditBreak } from '../../../shared/domain/types';
import { JSON_OPT, type Command } from '../command';
import { EXIT } from '../errors';
import { println, printJson } from '../io';
import { VAULT_OPTIONS_HELP } from './common-help';

function breakLine(b: AuditBreak): string {
  return `break ${b.id} found ${b.at}${b.acknowledged ? ` (acknowledged ${b.acknowledged.at})` : ' (NOT acknowledged)'}: ${b.reason} Damaged log kept as ${b.keptAs}; chain continues after entry ${b.lastVerified.count}.`;
}

export const auditVerifyCommand: Command = {
  path: ['audit', 'verify'],
  summary: 'check the keyed audit chain; exit 1 when it is broken or a break is unacknowledged',
  positionals: 'none',
  options: { ...JSON_OPT, all: { type: 'boolean' } },
  help: `Usage: certdesk audit verify [--all] [--json]

Re-checks every entry of the audit log (each carries an HMAC under a key only the vault's passphrase
unlocks), and that the log still reaches the head recorded in the vault, so edited, forged, removed,
reordered or truncated entries are detected. Breaks found before an append (the damaged log is kept aside
and a new segment continues after the last verified entry) stay reported until acknowledged with
\`certdesk audit acknowledge <break-id>\`.
  --all   also list acknowledged breaks (they never disappear from this list)
Exit status 0 when intact, 1 when broken or a break is unacknowledged. Opens the vault read-only.
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const client = await open({ readOnly: true });
    const r = await client.call('audit:verify', {});
    const shown = (r.breaks ?? []).filter((b) => args.bool('all') || !b.acknowledged);
    if (args.bool('json')) printJson(io.stdout, args.bool('all') ? r : { ...r, breaks: shown });
    else {
      println(
        r.ok ? io.stdout : io.stderr,
        `${r.ok ? 'ok' : 'BROKEN'}: ${r.message} (${r.entries} entries${r.brokenAt ? `, first bad entry #${r.brokenAt}` : ''})`,
      );
      for (const b of shown) println(r.ok ? io.stdout : io.stderr, breakLine(b));
    }
    return r.ok ? 0 : EXIT.checkFailed;
  },
};

export const auditAcknowledgeCommand: Command = {
  path: ['audit', 'acknowledge'],
  summary: 'acknowledge a recorded audit chain break (audited; it stays listed by audit verify --all)',
  positionals: 'one',
  options: JSON_OPT,
  help: `Usage: certdesk audit acknowledge <break-id> [--json]

Marks a break reported by \`certdesk audit verify\` as reviewed. The acknowledgement is recorded in the vault
and in the audit chain; the break itself stays listed by \`certdesk audit verify --all\`.
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const client = await open();
    const b = await client.call('audit:acknowledge', { id: args.positionals[0]! });
    if (args.bool('json')) printJson(io.stdout, b);
    else println(io.stdout, breakLine(b));
    return 0;
  },
};
