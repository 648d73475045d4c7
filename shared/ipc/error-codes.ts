/** Stable error codes: tests and scripts match on these, so only ever add to this list. */
export const ERROR_CODES = [
  'UNKNOWN_CHANNEL',
  'INVALID_INPUT',
  'PAYLOAD_TOO_LARGE',
  'FORBIDDEN_SENDER',
  'INTERNAL',
  'NOT_SUPPORTED',
  'NOT_FOUND',
  'CANCELLED',
  /** a path grant that is unknown, used, expired or chosen for another purpose */
  'GRANT_INVALID',
  // vault
  'NO_VAULT',
  'VAULT_EXISTS',
  'VAULT_LOCKED',
  'VAULT_CORRUPT',
  'VAULT_BUSY',
  'WRONG_PASSPHRASE',
  'WEAK_PASSPHRASE',
  /** acknowledged data is missing from the vault file; it can be opened read-only or repaired */
  'VAULT_DAMAGED',
  /** the vault is older than the one last opened on this workstation (rollback witness) */
  'VAULT_ROLLED_BACK',
  // pki
  'INVALID_SAN',
  'INVALID_SUBJECT',
  'INVALID_PEM',
  'INVALID_KEY',
  'KEY_MISMATCH',
  'KEY_DECRYPT_FAILED',
  'CSR_SIGNATURE_INVALID',
  'VALIDITY_EXCEEDS_ISSUER',
  'INVALID_VALIDITY',
  'NAME_CONSTRAINT_VIOLATION',
  'PATH_LEN_EXCEEDED',
  'NOT_A_CA',
  'CA_KEY_MISSING',
  'ALREADY_REVOKED',
  /** the issuing CA's own chain fails validation (e.g. no trusted root, a broken signature) */
  'ISSUER_INVALID',
  'DUPLICATE_NAME',
  // export
  'EXPORT_TARGET_EXISTS',
  'EXPORT_TARGET_UNWRITABLE',
  'EXPORT_FAILED',
  'CONFIRMATION_REQUIRED',
  // audit
  'AUDIT_BROKEN',
  // recovery shares
  'NO_RECOVERY',
  'RECOVERY_EXISTS',
  'SHARE_INVALID',
  'SHARES_INSUFFICIENT',
  // migration from other tools
  'SOURCE_INVALID',
  'IMPORT_CONFLICT',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * The one exception type core and service code throws for expected failures; the dispatcher turns it into
 * `{ ok: false, error }`. Anything else thrown becomes `INTERNAL`.
 */
export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function isAppError(e: unknown): e is AppError {
  return e instanceof AppError;
}
