/**
 * What a path the operator picked in main's native dialog may be used for. A grant is bound to one
 * purpose, so a file chosen for inspection can never be replayed as an export target or a vault to open.
 *
 * - `read-file`: a certificate, key, CSR, CRL, PKCS#12 or other input file CertDesk reads
 * - `read-folder`: a folder CertDesk reads (e.g. another tool's PKI directory to import)
 * - `write-folder`: an existing folder CertDesk writes new files or sub-folders into (exports, backups)
 * - `write-file`: a file CertDesk creates or replaces (a save dialog's answer)
 * - `open-vault`: a vault file to open
 * - `restore-vault`: a vault backup to restore from
 */
export const PATH_PURPOSES = [
  'read-file',
  'read-folder',
  'write-folder',
  'write-file',
  'open-vault',
  'restore-vault',
] as const;
export type PathPurpose = (typeof PATH_PURPOSES)[number];

/** What the dialog channels answer: an opaque grant id, and the chosen path for display only. */
export interface PathChoice {
  /** null when the operator cancelled */
  grant: string | null;
  /** shown to the operator; channels never accept it back */
  path: string | null;
}
