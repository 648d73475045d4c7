import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { REMOVABLE_MEDIA_WARNING } from '../../../shared/domain/recovery-text';
import type { RecoveryCreated, RecoveryStatus } from '../../../shared/domain/types';
import { JSON_OPT, type Args, type Command } from '../command';
import type { CliClient } from '../client';
import { usage } from '../errors';
import { println, printJson, table, type CliIo } from '../io';
import { VAULT_OPTIONS_HELP } from './common-help';

function count(args: Args, name: string): number | undefined {
  const v = args.str(name);
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!/^\d+$/.test(v) || n < 2 || n > 16)
    throw usage(`--${name} takes a whole number from 2 to 16 (got "${v}")`);
  return n;
}

/** The output folder: created 0700 when missing, granted for writing (sheets are written 0600). */
function outFolder(client: CliClient, args: Args): string {
  const out = resolve(args.required('out'));
  mkdirSync(out, { recursive: true, mode: 0o700 });
  return client.grant(out, 'write-folder');
}

function report(io: CliIo, args: Args, r: RecoveryCreated): void {
  if (args.bool('json')) {
    // The share texts stay in the files: never on standard output, where terminals and logs keep them.
    printJson(io.stdout, { status: r.status, files: r.files });
    return;
  }
  println(
    io.stdout,
    `${r.status.shares} shares written (any ${r.status.threshold} open the vault), ceremony ${r.status.ceremonyId}:`,
  );
  for (const f of r.files) println(io.stdout, `  ${f}`);
  println(io.stderr, `warning: ${REMOVABLE_MEDIA_WARNING}`);
}

const OUT_HELP = `  --out DIR         folder for share-<i>-of-<N>.html (printable: QR code, grouped text, custodian line)
                    and .txt, each 0600; created if missing. Use removable media: deleting a file from
                    flash storage does not erase it.`;

export const recoveryCreateCommand: Command = {
  path: ['recovery', 'create'],
  summary: 'split a new recovery key into N printable shares, any M of which open the vault',
  positionals: 'none',
  options: {
    ...JSON_OPT,
    shares: { type: 'string' },
    threshold: { type: 'string' },
    out: { type: 'string' },
  },
  help: `Usage: certdesk recovery create --shares N --threshold M --out DIR [--json]

Makes a random 256-bit recovery key that opens the vault through a second key slot (the passphrase keeps
working), splits it into N Shamir shares of which any M (2 ≤ M ≤ N ≤ 16) rebuild it, and writes one sheet
per share. The key itself is never written anywhere. Audited. See docs/recovery.md for the ceremony.
  --shares N        number of shares (custodians)
  --threshold M     shares needed to open the vault
${OUT_HELP}
  --json            print {"status":{...},"files":[...]} (never the shares)
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const shares = count(args, 'shares');
    const threshold = count(args, 'threshold');
    if (shares === undefined || threshold === undefined) throw usage('--shares and --threshold are required');
    args.required('out');
    const client = await open();
    const r = await client.call('recovery:create', {
      shares,
      threshold,
      folderGrant: outFolder(client, args),
    });
    report(io, args, r);
    return 0;
  },
};

export const recoveryRotateCommand: Command = {
  path: ['recovery', 'rotate'],
  summary: 'replace the recovery key and shares; the old shares stop opening the vault',
  positionals: 'none',
  options: {
    ...JSON_OPT,
    shares: { type: 'string' },
    threshold: { type: 'string' },
    out: { type: 'string' },
  },
  help: `Usage: certdesk recovery rotate --out DIR [--shares N] [--threshold M] [--json]

A new recovery key and new shares (same M of N unless given); the old shares open nothing from now on
(the previous vault generation is not kept as .bak). Collect and destroy the old sheets. Audited.
${OUT_HELP}
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const shares = count(args, 'shares');
    const threshold = count(args, 'threshold');
    args.required('out');
    const client = await open();
    const r = await client.call('recovery:rotate', {
      ...(shares !== undefined ? { shares } : {}),
      ...(threshold !== undefined ? { threshold } : {}),
      folderGrant: outFolder(client, args),
    });
    report(io, args, r);
    return 0;
  },
};

export const recoveryRemoveCommand: Command = {
  path: ['recovery', 'remove'],
  summary: 'remove the recovery slot: only the passphrase opens the vault',
  positionals: 'none',
  options: JSON_OPT,
  help: `Usage: certdesk recovery remove [--json]

Removes the recovery key slot; every share stops opening the vault. Audited.
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const client = await open();
    await client.call('recovery:remove', {});
    if (args.bool('json')) printJson(io.stdout, { removed: true });
    else println(io.stdout, 'recovery shares removed: only the passphrase opens the vault now');
    return 0;
  },
};

function statusLines(s: RecoveryStatus): string {
  return [
    `recovery: ${s.threshold} of ${s.shares} shares, created ${s.createdAt}`,
    `vault id: ${s.vaultId}   ceremony: ${s.ceremonyId}`,
    table(s.fingerprints.map((f, i) => [`  share ${i + 1}`, f])),
  ].join('\n');
}

export const recoveryStatusCommand: Command = {
  path: ['recovery', 'status'],
  summary: 'show whether recovery shares exist: M of N, created when, share fingerprints',
  positionals: 'none',
  options: JSON_OPT,
  help: `Usage: certdesk recovery status [--json]

Reads the vault header (no passphrase needed). A share's fingerprint is printed on its sheet, so custodians
can check they hold a current share.
  --json   print {"vaultId","ceremonyId","threshold","shares","createdAt","fingerprints":[...]} or null
Exit status 0 with shares, 1 without.
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const client = await open({ mode: 'locked' });
    const s = await client.call('recovery:status', {});
    if (args.bool('json')) printJson(io.stdout, s);
    else println(io.stdout, s ? statusLines(s) : 'no recovery shares: only the passphrase opens this vault');
    return s ? 0 : 1;
  },
};
