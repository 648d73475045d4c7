import { JSON_OPT, type Command } from '../command';
import { usage } from '../errors';
import { println, printJson } from '../io';
import { resolveCert } from '../resolve';
import { VAULT_OPTIONS_HELP } from './common-help';
import { statusOf } from './format';
import { certificateLines, extensionLines, lintLines } from './view-text';

export const showCommand: Command = {
  path: ['show'],
  summary: 'show one certificate decoded, with its chain verdicts and lint',
  positionals: 'one',
  options: { ...JSON_OPT, pem: { type: 'boolean' } },
  help: `Usage: certdesk show ID [--json | --pem]

ID is the id printed by \`issue --json\`, a serial in hex, or a CN (a CN shared by renewed certificates
means the current one). Opens the vault read-only.

Options:
  --json   the full detail: summary, decoded view, chain with per-link verdicts, lint, lineage
  --pem    only the certificate in PEM
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    if (args.bool('json') && args.bool('pem')) throw usage('Give either --json or --pem');
    const ref = args.positionals[0] ?? '';
    const client = await open({ readOnly: true });
    const cert = await resolveCert(client, ref, io.now());
    const d = await client.call('certs:get', { id: cert.id });
    const { thresholds } = await client.call('settings:get', {});
    if (args.bool('pem')) {
      io.stdout.write(d.view.pem.endsWith('\n') ? d.view.pem : `${d.view.pem}\n`);
      return 0;
    }
    if (args.bool('json')) {
      printJson(io.stdout, d);
      return 0;
    }
    const v = d.view;
    const lines = [
      `${d.summary.cn}  (${d.summary.kind}, ${d.summary.profile}, ${statusOf(d.summary, io.now(), thresholds)})`,
      `  id              ${d.summary.id}`,
      ...certificateLines(v),
      ...(d.summary.revoked
        ? [`  revoked         ${d.summary.revoked.at} (${d.summary.revoked.reason})`]
        : []),
      ...(d.lineage.length > 1 ? [`  lineage         ${d.lineage.join(' → ')}`] : []),
      ...extensionLines(v),
      'Chain:',
      ...d.chain.map(
        (l) =>
          `  ${l.ok ? 'ok  ' : 'FAIL'} ${l.subject}${
            l.ok
              ? ''
              : ': ' +
                l.checks
                  .filter((c) => !c.ok)
                  .map((c) => c.message)
                  .join('; ')
          }`,
      ),
      ...lintLines(d.lint),
    ];
    println(io.stdout, lines.join('\n'));
    return 0;
  },
};
