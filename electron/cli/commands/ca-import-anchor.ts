import { resolve } from 'node:path';
import { JSON_OPT, type Command } from '../command';
import { println, printJson } from '../io';
import { VAULT_OPTIONS_HELP } from './common-help';
import { lintLines } from './view-text';

export const caImportAnchorCommand: Command = {
  path: ['ca', 'import-anchor'],
  summary: 'import a CA certificate without its key as a trust anchor (to check chains against it)',
  positionals: 'one',
  options: { ...JSON_OPT },
  help: `Usage: certdesk ca import-anchor FILE [--json]

Imports a CA certificate (PEM or DER) made elsewhere — another team's root, a public CA — without a key.
CertDesk cannot sign with it, but checks chains against it (show, inspect, check-mtls) and lists it with
the authorities. A certificate that is not a CA is refused (exit 5).

Options:
  --json   print the imported CA's summary with its lint findings ("lint")
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const file = resolve(args.positionals[0] ?? '');
    const client = await open();
    const summary = await client.call('ca:importTrustAnchor', { certGrant: client.grant(file, 'read-file') });
    const { lint } = await client.call('certs:get', { id: summary.id });
    if (args.bool('json')) printJson(io.stdout, { ...summary, lint });
    else {
      println(io.stdout, `Imported trust anchor ${summary.cn} (id ${summary.id}, certificate only)`);
      if (lint.length) println(io.stdout, lintLines(lint).join('\n'));
    }
    return 0;
  },
};
