import { JSON_OPT, type Command } from '../command';
import { println, printJson, table } from '../io';
import { VAULT_OPTIONS_HELP } from './common-help';
import { statusOf } from './format';

export const caListCommand: Command = {
  path: ['ca', 'list'],
  summary: 'list the vault CAs',
  positionals: 'none',
  options: JSON_OPT,
  help: `Usage: certdesk ca list [--json]

Lists the CAs in the vault: id, name (CN), root or intermediate, whether the vault holds the key, expiry.
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const client = await open({ readOnly: true });
    const cas = await client.call('ca:list', {});
    const now = io.now();
    const { thresholds } = await client.call('settings:get', {});
    if (args.bool('json')) {
      printJson(
        io.stdout,
        cas.map((c) => ({ ...c, status: statusOf(c, now, thresholds) })),
      );
      return 0;
    }
    if (!cas.length) {
      println(io.stdout, 'No CAs yet: create one with `certdesk ca create --name NAME`');
      return 0;
    }
    println(
      io.stdout,
      table([
        ['ID', 'NAME', 'TYPE', 'KEY', 'NOT AFTER', 'STATUS'],
        ...cas.map((c) => [
          c.id,
          c.cn,
          c.profile,
          c.hasKey ? 'yes' : 'no',
          c.notAfter.slice(0, 10),
          statusOf(c, now, thresholds),
        ]),
      ]),
    );
    return 0;
  },
};
