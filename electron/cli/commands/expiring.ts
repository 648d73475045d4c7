import { awaitsRenewal, daysLeft, expiresWithin } from '../../../shared/domain/expiry';
import { resolve } from 'node:path';
import { expiryCalendar, writeFileChecked } from '../../core/export';
import { parseWindow } from '../arg-values';
import { JSON_OPT, type Command } from '../command';
import { EXIT } from '../errors';
import { println, printJson, table } from '../io';
import { VAULT_OPTIONS_HELP } from './common-help';

export const expiringCommand: Command = {
  path: ['expiring'],
  summary: 'list certificates expiring within a window; exit 1 when there are any (cron/monitoring)',
  positionals: 'none',
  options: { ...JSON_OPT, within: { type: 'string' }, ics: { type: 'string' }, lead: { type: 'string' } },
  help: `Usage: certdesk expiring --within WINDOW [--ics FILE [--lead WINDOW]] [--json]

Lists certificates whose notAfter falls within WINDOW from now (already expired ones included), and
exits with status 1 when there is at least one, 0 when none: usable from cron or a monitoring check.
Revoked certificates and certificates already renewed (replaced by a newer one) are left out.
Opens the vault read-only, so it works while the desktop app is running.

Options:
  --within WINDOW   30d, 2w, 48h or a number of days (default 30d)
  --ics FILE        also write an iCalendar file: one event per listed certificate at notAfter minus
                    the lead time, with a reminder a day before; UIDs stay the same across exports, so
                    importing a newer file updates the events (refuses to replace FILE)
  --lead WINDOW     renewal lead time for --ics (default 30d)
  --json            an array of {"id","cn","serial","notAfter","daysLeft","issuer"}
${VAULT_OPTIONS_HELP}

Example (cron):
  certdesk expiring --within 30d --passphrase-file /etc/certdesk/pass || mail -s "certs expiring" ops`,
  async run({ io, args, open }) {
    const days = parseWindow(args.str('within') ?? '30d', 'within');
    const client = await open({ readOnly: true });
    const now = io.now();
    const hits = (await client.call('certs:list', {}))
      .filter((c) => awaitsRenewal(c) && expiresWithin(c, now, days))
      .sort((a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter));
    const ics = args.str('ics');
    if (ics) {
      const leadDays = parseWindow(args.str('lead') ?? '30d', 'lead');
      await writeFileChecked(resolve(ics), new TextEncoder().encode(expiryCalendar(hits, { leadDays, now })));
    }
    if (args.bool('json')) {
      printJson(
        io.stdout,
        hits.map((c) => ({
          id: c.id,
          cn: c.cn,
          serial: c.serial,
          notAfter: c.notAfter,
          daysLeft: daysLeft(c, now),
          issuer: c.issuer,
        })),
      );
    } else if (hits.length) {
      println(
        io.stdout,
        table([
          ['ID', 'CN', 'NOT AFTER', 'DAYS LEFT', 'ISSUER'],
          ...hits.map((c) => [c.id, c.cn, c.notAfter, String(daysLeft(c, now)), c.issuer]),
        ]),
      );
    } else {
      println(io.stdout, `Nothing expires within ${args.str('within') ?? '30d'}`);
    }
    return hits.length ? EXIT.checkFailed : 0;
  },
};
