import { resolve } from 'node:path';
import type { ImportPreview, ImportResult, ImportSourceKind } from '../../../shared/domain/types';
import { JSON_OPT, type Command, type CommandContext } from '../command';
import { readSecretFile } from '../passphrase';
import { println, printJson } from '../io';
import { VAULT_OPTIONS_HELP } from './common-help';

function describe(p: ImportPreview): string[] {
  const c = p.counts;
  const lines = [
    `CAs: ${c.cas}  leaves: ${c.leaves}  keys: ${c.keys}  revoked: ${c.revoked}  CRL numbers: ${c.crlNumbers}`,
    `already in the vault (skipped): ${c.duplicates}  conflicts: ${c.conflicts}  problems: ${p.problems.length}`,
  ];
  for (const crl of p.crls) lines.push(`CRL numbering of ${crl.ca} continues after ${crl.lastNumber}`);
  for (const i of p.items) {
    const tag = i.action === 'import' ? '+' : i.action === 'duplicate' ? '=' : '!';
    const bits = [
      i.kind === 'ca' ? 'CA' : 'leaf',
      i.hasKey ? 'with key' : 'no key',
      ...(i.revoked ? [`revoked (${i.revoked.reason})`] : []),
    ];
    lines.push(`${tag} ${i.subject}  [${bits.join(', ')}]  ${i.item}`);
    for (const n of i.notes) lines.push(`    note: ${n}`);
    for (const l of i.lint.filter((f) => f.severity !== 'info'))
      lines.push(`    lint ${l.severity}: ${l.message}`);
  }
  for (const pr of p.problems) lines.push(`problem: ${pr.item}: ${pr.message}`);
  return lines;
}

function importCommand(
  source: ImportSourceKind,
  operand: string,
  secretOption: string,
  secretWhat: string,
  intro: string,
): Command {
  return {
    path: ['import', source],
    summary: `import a whole ${source === 'xca' ? 'XCA database' : 'easy-rsa PKI'} (keys, revocations, CRL numbers)`,
    positionals: 'one',
    options: {
      ...JSON_OPT,
      [secretOption]: { type: 'string' },
      'dry-run': { type: 'boolean' },
      'skip-conflicts': { type: 'boolean' },
    },
    help: `Usage: certdesk import ${source} ${operand} [--${secretOption} FILE] [--dry-run] [--skip-conflicts] [--json]

${intro}
Certificates already in the vault (same fingerprint) are skipped, so importing twice adds nothing.
A CA with the same name as a vault CA but another key is a conflict: the import is refused unless
--skip-conflicts leaves that CA and its certificates out. Everything is written in one step: on any
error nothing is imported.

Options:
  --${`${secretOption} FILE`.padEnd(26)}${secretWhat} (first line of FILE)
  --dry-run                    list what would come across, conflicts and problems; write nothing
  --skip-conflicts             import everything that does not conflict
  --json                       print the preview (or the result, with "written") as JSON
${VAULT_OPTIONS_HELP}`,
    async run({ io, args, open }: CommandContext) {
      const at = resolve(args.positionals[0] ?? '');
      const secretFile = args.str(secretOption);
      const password = secretFile ? readSecretFile(secretFile, secretWhat) : undefined;
      const dryRun = args.bool('dry-run');
      const client = await open(dryRun ? { readOnly: true } : {});
      const input = {
        source,
        grant: client.grant(at, source === 'xca' ? 'read-file' : 'read-folder'),
        ...(password !== undefined ? { password } : {}),
        ...(args.bool('skip-conflicts') ? { skipConflicts: true } : {}),
      };
      const result: ImportPreview | ImportResult = dryRun
        ? await client.call('import:preview', input)
        : await client.call('import:run', input);
      if (args.bool('json')) printJson(io.stdout, result);
      else {
        for (const line of describe(result)) println(io.stdout, line);
        if (dryRun) println(io.stdout, 'Dry run: nothing was written.');
        else
          println(io.stdout, 'written' in result && result.written ? 'Imported.' : 'Nothing new to import.');
      }
      return 0;
    },
  };
}

export const importXcaCommand = importCommand(
  'xca',
  'FILE.xdb',
  'password-file',
  'XCA database password',
  `Imports every certificate of an XCA 2.x database with its private key (decrypted with the database
password and re-wrapped under the vault), revocations and each CA's CRL number. The database is read,
never written. Keys with their own XCA password, and keys CertDesk cannot sign with (e.g. DSA), come
across as certificates without keys, with a note.`,
);

export const importEasyRsaCommand = importCommand(
  'easy-rsa',
  'PKI_DIR',
  'pki-passphrase-file',
  'PKI passphrase',
  `Imports an easy-rsa 3 PKI folder (the one "easyrsa init-pki" made, or its parent): ca.crt with
private/ca.key, every certificate in index.txt with its key from private/, revocations with their reasons,
and the CRL number (crl.pem, crlnumber). The CA key must open with the passphrase; a leaf key under
another passphrase comes across as a note. (--passphrase-file stays the vault's passphrase.)`,
);
