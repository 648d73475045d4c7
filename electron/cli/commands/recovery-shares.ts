import { readFileSync, statSync } from 'node:fs';
import { basename } from 'node:path';
import { splitTypedShares } from '../../../shared/domain/recovery-text';
import type { ShareInput } from '../../../shared/domain/types';
import { JSON_OPT, type Command } from '../command';
import { usage } from '../errors';
import { println, printJson, type CliIo } from '../io';
import { promptHidden, readSecretFile } from '../passphrase';
import { VAULT_OPTIONS_HELP } from './common-help';

/** An .html sheet is a few kilobytes; anything far larger is not a share. */
const MAX_SHARE_FILE_BYTES = 200_000;

async function readAllStdin(stdin: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** `--share FILE` (a .txt or .html sheet) or `--share -`: shares typed or piped, separated by empty lines. */
async function readShares(io: CliIo, sources: readonly string[]): Promise<ShareInput[]> {
  if (sources.length === 0)
    throw usage('give the shares with --share FILE (repeatable) or --share - to type them');
  const shares: ShareInput[] = [];
  for (const source of sources) {
    if (source === '-') continue;
    let size: number;
    try {
      size = statSync(source).size;
    } catch (e) {
      throw usage(`Cannot read the share file ${source}: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
    }
    if (size > MAX_SHARE_FILE_BYTES) throw usage(`${source} is ${size} bytes: not a share sheet`);
    shares.push({ label: basename(source), text: readFileSync(source, 'utf8') });
  }
  if (sources.includes('-')) {
    if (io.stdin.isTTY)
      println(
        io.stderr,
        'Type or paste each share (its 23 groups; spaces, dashes and line breaks are fine), an empty line ' +
          'after each, then Ctrl-D.',
      );
    const typed = splitTypedShares(await readAllStdin(io.stdin));
    typed.forEach((text, i) => shares.push({ label: `typed share ${i + 1}`, text }));
  }
  return shares;
}

const SHARE_OPTIONS = { ...JSON_OPT, share: { type: 'string', multiple: true } } as const;

export const recoveryDrillCommand: Command = {
  path: ['recovery', 'drill'],
  summary: 'prove a set of shares rebuilds the current recovery key, changing nothing (audited)',
  positionals: 'none',
  options: SHARE_OPTIONS,
  help: `Usage: certdesk recovery drill --share FILE... | --share - [--json]

Custodians practise a recovery: the shares are checked one by one (a typo is named by its group; a share of
another vault, of a rotated ceremony or altered is named), at least M of them rebuild the recovery key, and
the key is shown to open the vault's recovery slot. Nothing is changed; the drill is recorded in the audit
log. No passphrase is needed.
  --share FILE   a share sheet (.txt or .html) — repeat for each share
  --share -      type or paste shares on standard input, an empty line between them
  --json         print {"used":[indices],"status":{...}}
Exit status 0 when the shares open the vault, 5 when they do not (the message says which share and why).
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const shares = await readShares(io, args.strs('share'));
    const client = await open({ mode: 'locked' });
    const r = await client.call('recovery:drill', { shares });
    if (args.bool('json')) printJson(io.stdout, r);
    else
      println(
        io.stdout,
        `ok: shares ${r.used.join(', ')} rebuild the recovery key of ceremony ${r.status.ceremonyId} ` +
          `(${r.status.threshold} of ${r.status.shares}); nothing was changed`,
      );
    return 0;
  },
};

export const recoveryRestoreCommand: Command = {
  path: ['recovery', 'restore'],
  summary: 'open the vault with M shares and set a new passphrase (audited)',
  positionals: 'none',
  options: { ...SHARE_OPTIONS, 'new-passphrase-file': { type: 'string' } },
  help: `Usage: certdesk recovery restore --share FILE... | --share - --new-passphrase-file F [--json]

When the passphrase is lost: any M valid shares rebuild the recovery key, which opens the vault; a new
passphrase is set at once (the old one stops working; the shares stay valid — rotate them afterwards, since
they have been brought together). Fewer than M shares, a share of another vault or of a rotated ceremony,
or a corrupted share is refused with a message naming it, and nothing is changed.
  --share FILE               a share sheet (.txt or .html) — repeat for each share
  --share -                  type or paste shares on standard input, an empty line between them
  --new-passphrase-file F    the new passphrase, first line of F (else asked twice on the terminal)
  --json                     print the vault status
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const sources = args.strs('share');
    const shares = await readShares(io, sources);
    let next: string;
    const file = args.str('new-passphrase-file');
    if (file) next = readSecretFile(file, 'new passphrase');
    else if (io.stdin.isTTY && !sources.includes('-')) {
      next = await promptHidden('New vault passphrase: ', io.stdin, io.stderr);
      if ((await promptHidden('Repeat new passphrase: ', io.stdin, io.stderr)) !== next)
        throw usage('The two passphrases differ');
    } else throw usage('--new-passphrase-file is required (standard input carries the shares)');
    const client = await open({ mode: 'locked' });
    const status = await client.call('recovery:restore', { shares, newPassphrase: next });
    if (args.bool('json')) printJson(io.stdout, status);
    else
      println(
        io.stdout,
        `recovered ${client.vaultPath}: the new passphrase is set, the old one no longer opens it`,
      );
    return 0;
  },
};
