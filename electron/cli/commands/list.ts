import { daysLeft } from '../../../shared/domain/expiry';
import { oneOf } from '../arg-values';
import { JSON_OPT, type Command } from '../command';
import { println, printJson, table } from '../io';
import { VAULT_OPTIONS_HELP } from './common-help';
import { inventoryRows, statusOf } from './format';

const STATUSES = ['valid', 'expiring', 'expired', 'revoked', 'not-yet-valid', 'invalid', 'renewed'] as const;

export const listCommand: Command = {
  path: ['list'],
  summary: 'list certificates (CAs and leaves) with their status',
  positionals: 'none',
  options: { ...JSON_OPT, status: { type: 'string' }, kind: { type: 'string' } },
  help: `Usage: certdesk list [--status valid|expiring|expired|revoked|not-yet-valid|invalid|renewed] [--kind ca|leaf] [--json]

Lists the vault's certificates, soonest expiry first. "expiring" means inside the vault's warning threshold (default 30 days).
Opens the vault read-only, so it works while the desktop app is running.

Options:
  --status S   only certificates with this status
  --kind K     ca or leaf
  --json       an array of certificate summaries with "status" and "daysLeft" added
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const status = oneOf(args.str('status'), STATUSES, 'status');
    const kind = oneOf(args.str('kind'), ['ca', 'leaf'] as const, 'kind');
    const client = await open({ readOnly: true });
    const now = io.now();
    const { thresholds } = await client.call('settings:get', {});
    const list = (await client.call('certs:list', kind ? { kind } : {}))
      .filter((c) => !status || statusOf(c, now, thresholds) === status)
      .sort((a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter) || a.cn.localeCompare(b.cn));
    if (args.bool('json')) {
      printJson(
        io.stdout,
        list.map((c) => ({ ...c, status: statusOf(c, now, thresholds), daysLeft: daysLeft(c, now) })),
      );
    } else if (!list.length) {
      println(io.stdout, status ? `No ${status} certificates` : 'The vault holds no certificates yet');
    } else {
      println(io.stdout, table(inventoryRows(list, now, thresholds)));
    }
    return 0;
  },
};
