import type { ErrorCode } from '../../shared/ipc/error-codes';

/**
 * Exit statuses of `certdesk` (documented in docs/cli.md; scripts depend on them, so only ever add):
 *   0 success · 1 a check answered "no" (expiring hits, broken audit chain, failed mTLS check)
 *   2 usage error · 3 vault problem (missing, locked, wrong passphrase, corrupt, busy)
 *   4 not found or ambiguous ID/CA name · 5 request refused by a PKI rule (SAN, validity, key mismatch, …)
 *   6 export/file-system failure · 10 internal error
 */
export const EXIT = {
  ok: 0,
  checkFailed: 1,
  usage: 2,
  vault: 3,
  notFound: 4,
  refused: 5,
  io: 6,
  internal: 10,
} as const;
export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** An error the CLI reports on stderr and turns into an exit status. */
export class CliError extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
    readonly code?: ErrorCode,
  ) {
    super(message);
    this.name = 'CliError';
  }
}

export function usage(message: string): CliError {
  return new CliError(EXIT.usage, message, 'INVALID_INPUT');
}

const VAULT_CODES: readonly ErrorCode[] = [
  'NO_VAULT',
  'VAULT_EXISTS',
  'VAULT_LOCKED',
  'VAULT_CORRUPT',
  'VAULT_BUSY',
  'WRONG_PASSPHRASE',
  'WEAK_PASSPHRASE',
  'VAULT_DAMAGED',
  'VAULT_ROLLED_BACK',
];
const IO_CODES: readonly ErrorCode[] = ['EXPORT_TARGET_EXISTS', 'EXPORT_TARGET_UNWRITABLE', 'EXPORT_FAILED'];

export function exitCodeFor(code: ErrorCode): ExitCode {
  if (VAULT_CODES.includes(code)) return EXIT.vault;
  if (IO_CODES.includes(code)) return EXIT.io;
  if (code === 'NOT_FOUND') return EXIT.notFound;
  if (code === 'INVALID_INPUT' || code === 'CONFIRMATION_REQUIRED') return EXIT.usage;
  if (code === 'INTERNAL' || code === 'UNKNOWN_CHANNEL' || code === 'PAYLOAD_TOO_LARGE') return EXIT.internal;
  if (code === 'AUDIT_BROKEN') return EXIT.checkFailed;
  return EXIT.refused;
}

/** The error code a `--json` error carries when the failure had none of its own (the CLI's own checks). */
export function codeForExit(exit: ExitCode): ErrorCode {
  switch (exit) {
    case EXIT.usage:
      return 'INVALID_INPUT';
    case EXIT.vault:
      return 'VAULT_CORRUPT';
    case EXIT.notFound:
      return 'NOT_FOUND';
    case EXIT.io:
      return 'EXPORT_FAILED';
    case EXIT.refused:
      return 'NOT_SUPPORTED';
    default:
      return 'INTERNAL';
  }
}
