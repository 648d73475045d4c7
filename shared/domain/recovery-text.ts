/** Wording and input rules for recovery shares that the CLI, the printed sheets and the app share. */

/** The sheet's one-paragraph instruction to its custodian. */
export function custodianInstruction(s: { threshold: number; shares: number; vaultId: string }): string {
  return (
    `This sheet is one of ${s.shares} shares of the recovery key of the CertDesk vault ${s.vaultId}. ` +
    `Any ${s.threshold} of the shares together can open the vault and set a new passphrase; fewer reveal ` +
    'nothing. Keep this sheet private and apart from the other shares, do not copy or photograph it, and ' +
    'hand it over only for a recovery or a drill the other custodians know about. To use it, the operator ' +
    'scans the QR code or types the groups into CertDesk ("Recover with shares…", or certdesk recovery ' +
    'restore / drill); each group ends with a check character, so a typo is found and named.'
  );
}

/** Where to keep the output folder, said wherever share files are written. */
export const REMOVABLE_MEDIA_WARNING =
  'Keep this folder on removable media used for nothing else, hand each share to its custodian, then ' +
  'destroy the medium: deleting a file from flash storage (USB sticks, SSDs, memory cards) does not erase it.';

/** Several typed or pasted shares: separated by one or more empty lines. */
export function splitTypedShares(text: string): string[] {
  return text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((t) => t.trim())
    .filter((t) => t.length > 0);
}
