/** Minimum passphrase length on create and change (WEAK_PASSPHRASE below it). */
export const MIN_PASSPHRASE_LENGTH = 12;
