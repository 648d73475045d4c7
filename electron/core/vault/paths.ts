/** Previous good generation kept by compaction and passphrase change. */
export function backupPathFor(vaultPath: string): string {
  return `${vaultPath}.bak`;
}

/** Writer lock file (PID inside) next to the vault. */
export function lockPathFor(vaultPath: string): string {
  return `${vaultPath}.lock`;
}
