import { resolve } from 'node:path';
import type { CertSummary, TrackResult } from '../../../shared/domain/types';
import type { ErrorCode } from '../../../shared/ipc/error-codes';
import { JSON_OPT, type Command } from '../command';
import { CliError, EXIT, type ExitCode } from '../errors';
import { println, printJson } from '../io';
import { resolveCert } from '../resolve';
import { VAULT_OPTIONS_HELP } from './common-help';

type FileOutcome =
  ({ file: string } & TrackResult) | { file: string; error: { code: ErrorCode; message: string } };

function line(s: CertSummary, what: string): string {
  const chain = s.trackedChain ? ` — ${s.trackedChain.message}` : '';
  return `  ${what} ${s.cn} (id ${s.id}, not after ${s.notAfter.slice(0, 10)})${chain}`;
}

export const trackCommand: Command = {
  path: ['track'],
  summary: 'track certificates issued elsewhere (no key): they appear in list, expiring and the dashboard',
  positionals: 'many',
  options: { ...JSON_OPT },
  help: `Usage: certdesk track FILE... [--json]

Adds certificates CertDesk did not issue — a vendor appliance's, a public gateway's — to the inventory
without their keys, so that \`list\`, \`expiring\` (and --ics) and the app's dashboard watch their expiry.
Each FILE is PEM, DER or a PEM bundle (every certificate in it is tracked; private keys are ignored).
A certificate already in the vault (same SHA-256 fingerprint) is reported, not added twice.
Each tracked certificate's chain is checked against the vault's CAs and trust anchors; when none of them
issued it, it is shown as "issuer unknown". Tracking is audited; \`certdesk untrack ID\` removes one.

Every file is tried; the exit status is that of the first file that failed (4 file not found,
5 not a certificate, 2 not a regular file or too large), 0 when all were read.

Options:
  --json   {"files":[{"file","added":[summary],"duplicates":[summary]} or {"file","error":{"code","message"}}]}
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const client = await open();
    const outcomes: FileOutcome[] = [];
    let failure: CliError | null = null;
    for (const arg of args.positionals) {
      const file = resolve(arg);
      try {
        const r = await client.call('certs:track', { fileGrant: client.grant(file, 'read-file') });
        outcomes.push({ file, ...r });
      } catch (e) {
        if (!(e instanceof CliError) || e.exitCode === EXIT.vault || e.exitCode === EXIT.internal) throw e;
        failure ??= e;
        outcomes.push({ file, error: { code: e.code ?? 'INTERNAL', message: e.message } });
      }
    }
    if (args.bool('json')) printJson(io.stdout, { files: outcomes });
    else
      for (const o of outcomes) {
        if ('error' in o) {
          println(io.stderr, `${o.file}: ${o.error.message}`);
          continue;
        }
        println(io.stdout, `${o.file}:`);
        for (const s of o.added) println(io.stdout, line(s, 'tracked'));
        for (const s of o.duplicates)
          println(io.stdout, line(s, s.tracked ? 'already tracked:' : 'already in the vault:'));
      }
    if (failure) {
      const failed = outcomes.filter((o) => 'error' in o).length;
      const exit: ExitCode = failure.exitCode;
      throw new CliError(
        exit,
        `${failed} of ${outcomes.length} file(s) could not be tracked (first: ${failure.message})`,
        failure.code,
      );
    }
    return 0;
  },
};

export const untrackCommand: Command = {
  path: ['untrack'],
  summary: 'stop tracking a certificate added with `certdesk track`',
  positionals: 'one',
  options: { ...JSON_OPT },
  help: `Usage: certdesk untrack ID [--json]

Removes a tracked certificate (see \`certdesk track\`) from the inventory; audited. ID is the id, serial or
CN as \`certdesk list\` shows it. Certificates CertDesk issued or imported cannot be untracked (exit 5).

Options:
  --json   print the removed certificate's summary
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const client = await open();
    const cert = await resolveCert(client, args.positionals[0] ?? '', io.now());
    const s = await client.call('certs:untrack', { id: cert.id });
    if (args.bool('json')) printJson(io.stdout, s);
    else println(io.stdout, `No longer tracking ${s.cn} (id ${s.id})`);
    return 0;
  },
};
