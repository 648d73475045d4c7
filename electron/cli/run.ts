import { parseArgs } from 'node:util';
import { isAppError } from '../../shared/ipc/error-codes';
import { Args, type Command } from './command';
import { openClient, type CliClient } from './client';
import { COMMANDS } from './commands';
import { CliError, EXIT, codeForExit, exitCodeFor } from './errors';
import { println, type CliIo } from './io';
import { resolveVaultPath } from './vault-path';
import type { KdfParams } from '../core/vault';

const COMMON_OPTIONS = {
  vault: { type: 'string' },
  'passphrase-file': { type: 'string' },
  'accept-rollback': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

function topHelp(): string {
  const width = Math.max(...COMMANDS.map((c) => c.path.join(' ').length));
  return [
    'certdesk — offline private PKI from the command line (same vault as the CertDesk app)',
    '',
    'Usage: certdesk COMMAND [options]      certdesk COMMAND --help for details',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.path.join(' ').padEnd(width)}  ${c.summary}`),
    '',
    'Vault: --vault FILE or $CERTDESK_VAULT. Passphrase: --passphrase-file FILE, $CERTDESK_PASSPHRASE, or a prompt.',
    'Exit status: 0 ok, 1 check failed (expiring hits, broken audit chain, failed handshake), 2 usage,',
    '3 vault (missing, locked, wrong passphrase, corrupt, busy), 4 not found or ambiguous, 5 refused by a',
    'PKI rule (SAN, validity, key mismatch, …), 6 file/export error, 10 internal error.',
  ].join('\n');
}

function findCommand(argv: string[]): { command: Command; rest: string[] } | null {
  let best: Command | null = null;
  for (const c of COMMANDS) {
    if (c.path.every((w, i) => argv[i] === w) && (!best || c.path.length > best.path.length)) best = c;
  }
  return best ? { command: best, rest: argv.slice(best.path.length) } : null;
}

function unknownCommand(argv: string[]): CliError {
  const first = argv[0] ?? '';
  const group = COMMANDS.filter((c) => c.path[0] === first && c.path.length > 1).map((c) => c.path.join(' '));
  if (group.length)
    return new CliError(
      EXIT.usage,
      `"${argv.join(' ')}" needs a subcommand: ${group.join(', ')}`,
      'INVALID_INPUT',
    );
  return new CliError(
    EXIT.usage,
    `Unknown command "${first}". Run \`certdesk --help\` for the list.`,
    'INVALID_INPUT',
  );
}

/** Runs one `certdesk` invocation and returns its exit status. Never throws. */
/** `kdf`: the KDF policy (default production); only a test entry point outside dist/ passes a cheaper one. */
export async function runCli(
  argv: string[],
  io: CliIo,
  appVersion: string,
  policy: { kdf?: KdfParams } = {},
): Promise<number> {
  const clients: CliClient[] = [];
  let command: Command | null = null;
  try {
    if (argv.length === 0) {
      println(io.stderr, topHelp());
      return EXIT.usage;
    }
    if (argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
      println(io.stdout, topHelp());
      return 0;
    }
    if (argv[0] === '--version' || argv[0] === '-v') {
      println(io.stdout, appVersion);
      return 0;
    }
    const found = findCommand(argv);
    if (!found) throw unknownCommand(argv);
    command = found.command;
    let parsed;
    try {
      parsed = parseArgs({
        args: found.rest,
        options: { ...COMMON_OPTIONS, ...command.options },
        allowPositionals: command.positionals !== 'none',
        strict: true,
      });
    } catch (e) {
      throw new CliError(EXIT.usage, e instanceof Error ? e.message : String(e), 'INVALID_INPUT');
    }
    const args = new Args(parsed.values, parsed.positionals);
    if (args.bool('help')) {
      println(io.stdout, command.help);
      return 0;
    }
    if (command.positionals === 'one' && args.positionals.length !== 1) {
      throw new CliError(
        EXIT.usage,
        `certdesk ${command.path.join(' ')} takes exactly one argument`,
        'INVALID_INPUT',
      );
    }
    const vaultPath = resolveVaultPath(args.str('vault'), io.env);
    return await command.run({
      io,
      args,
      open: async (opts = {}) => {
        const c = await openClient(io, {
          vaultPath,
          passphraseFile: 'passphraseFile' in opts ? opts.passphraseFile : args.str('passphrase-file'),
          readOnly: opts.readOnly === true,
          mode: opts.mode ?? 'open',
          appVersion,
          acceptRollback: args.bool('accept-rollback'),
          ...(policy.kdf ? { kdf: policy.kdf } : {}),
        });
        clients.push(c);
        return c;
      },
    });
  } catch (e) {
    const err =
      e instanceof CliError
        ? e
        : isAppError(e)
          ? new CliError(exitCodeFor(e.code), e.message, e.code)
          : new CliError(
              EXIT.internal,
              `internal error: ${e instanceof Error ? e.message : String(e)}`,
              'INTERNAL',
            );
    const where = command ? `certdesk ${command.path.join(' ')}` : 'certdesk';
    // With --json a script reads stderr as JSON too; the exit status stays the same.
    if (argv.includes('--json')) {
      println(
        io.stderr,
        JSON.stringify({ error: { code: err.code ?? codeForExit(err.exitCode), message: err.message } }),
      );
      return err.exitCode;
    }
    println(io.stderr, `${where}: ${err.message}`);
    if (err.exitCode === EXIT.usage && command) println(io.stderr, `Run \`${where} --help\` for usage.`);
    return err.exitCode;
  } finally {
    for (const c of clients) await c.close().catch(() => undefined);
  }
}
