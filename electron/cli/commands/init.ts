import type { Command } from '../command';
import { println, printJson } from '../io';
import { JSON_OPT } from '../command';
import { VAULT_OPTIONS_HELP } from './common-help';

export const initCommand: Command = {
  path: ['init'],
  summary: 'create a new vault',
  positionals: 'none',
  options: JSON_OPT,
  help: `Usage: certdesk init [--vault FILE] [--passphrase-file FILE]

Creates a new, empty vault. The passphrase (at least 12 characters) is asked twice on a terminal,
or read from --passphrase-file / $CERTDESK_PASSPHRASE. An existing vault is never overwritten.
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const client = await open({ mode: 'create' });
    if (args.bool('json')) printJson(io.stdout, { vault: client.vaultPath });
    else println(io.stdout, `Created vault ${client.vaultPath}`);
    return 0;
  },
};
