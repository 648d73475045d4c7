import { resolve } from 'node:path';
import type { ImportPreview, ImportResult, ImportSourceKind } from '../../../shared/domain/types';
import { JSON_OPT, type Command, type CommandContext } from '../command';
import { usage } from '../errors';
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

/** Where the source's secret and the vault's passphrase come from, per command. */
interface SecretFlags {
  /** the source's password file */
  option: string;
  what: string;
  /**
   * easy-rsa takes its PKI passphrase as --passphrase-file (the flag easy-rsa users know), so the vault's
   * comes from --vault-passphrase-file like `inspect`; the older --pki-passphrase-file keeps working, and
   * beside it --passphrase-file keeps its global meaning (the vault's).
   */
  legacy?: string;
}

function secretsOf(args: CommandContext['args'], flags: SecretFlags): { source?: string; vault?: string } {
  const legacy = flags.legacy ? args.str(flags.legacy) : undefined;
  const vaultFlag = args.str('vault-passphrase-file');
  if (flags.option !== 'passphrase-file') {
    const source = args.str(flags.option);
    return { ...(source ? { source } : {}), ...(vaultFlag ? { vault: vaultFlag } : {}) };
  }
  const given = args.str('passphrase-file');
  if (legacy) {
    if (given && vaultFlag)
      throw usage(`--${flags.legacy} and --passphrase-file both name the ${flags.what}: give one of them`);
    const vault = vaultFlag ?? given;
    return { source: legacy, ...(vault ? { vault } : {}) };
  }
  return { ...(given ? { source: given } : {}), ...(vaultFlag ? { vault: vaultFlag } : {}) };
}

function importCommand(
  source: ImportSourceKind,
  operand: string,
  flags: SecretFlags,
  intro: string,
): Command {
  const { option: secretOption, what: secretWhat } = flags;
  return {
    path: ['import', source],
    summary: `import a whole ${source === 'xca' ? 'XCA database' : 'easy-rsa PKI'} (keys, revocations, CRL numbers)`,
    positionals: 'one',
    options: {
      ...JSON_OPT,
      ...(secretOption === 'passphrase-file' ? {} : { [secretOption]: { type: 'string' as const } }),
      ...(flags.legacy ? { [flags.legacy]: { type: 'string' as const } } : {}),
      'vault-passphrase-file': { type: 'string' },
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
  --vault-passphrase-file FILE the vault's passphrase (else $CERTDESK_PASSPHRASE, else a prompt)
  --dry-run                    list what would come across, conflicts and problems; write nothing
  --skip-conflicts             import everything that does not conflict
  --json                       print the preview (or the result, with "written") as JSON
${VAULT_OPTIONS_HELP}`,
    async run({ io, args, open }: CommandContext) {
      const at = resolve(args.positionals[0] ?? '');
      const secrets = secretsOf(args, flags);
      const password = secrets.source ? readSecretFile(secrets.source, secretWhat) : undefined;
      const dryRun = args.bool('dry-run');
      const client = await open({ ...(dryRun ? { readOnly: true } : {}), passphraseFile: secrets.vault });
      const input = {
        source,
        sourceGrant: client.grant(at, source === 'xca' ? 'read-file' : 'read-folder'),
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
  { option: 'password-file', what: 'XCA database password' },
  `Imports every certificate of an XCA 2.x database with its private key (decrypted with the database
password and re-wrapped under the vault), revocations and each CA's CRL number. The database is read,
never written. Keys with their own XCA password come across as certificates without keys, with a note.
Certificates with a key CertDesk cannot sign with (e.g. DSA), whether or not the database holds that key
(which is left behind), and everything such a CA or a CA tracked in the vault (track) issued, come across
tracked (watched for expiry only), with a note. A tracked certificate comes without its key: a key the
database holds for it is left behind, never copied into the vault.`,
);

export const importEasyRsaCommand = importCommand(
  'easy-rsa',
  'PKI_DIR',
  { option: 'passphrase-file', what: 'PKI passphrase', legacy: 'pki-passphrase-file' },
  `Imports an easy-rsa 3 PKI folder (the one "easyrsa init-pki" made, or its parent): ca.crt with
private/ca.key, every certificate in index.txt with its key from private/, revocations with their reasons,
and the CRL number (crl.pem, crlnumber). The CA key must open with the passphrase; a leaf key under
another passphrase comes across as a note. Here --passphrase-file is the PKI's passphrase; the vault's comes
from --vault-passphrase-file (--pki-passphrase-file FILE also names the PKI's, as before). What a CA
tracked in the vault (track) issued comes across tracked (watched for expiry only), with a note; its key
from private/ is left behind, never copied into the vault.`,
);
