import { AppError } from '../../../shared/ipc/error-codes';

/** Minimum passphrase length on create and change (WEAK_PASSPHRASE below it). */
export const MIN_PASSPHRASE_LENGTH = 12;

/** Counts code points (not UTF-16 units) after NFC normalisation, matching what deriveKek hashes. */
export function assertStrongPassphrase(passphrase: string): void {
  const length = [...passphrase.normalize('NFC')].length;
  if (length < MIN_PASSPHRASE_LENGTH) {
    throw new AppError(
      'WEAK_PASSPHRASE',
      `The passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long (got ${length}).`,
    );
  }
}
