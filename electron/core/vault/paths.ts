/** Previous good generation kept by compaction and passphrase change. */
export function backupPathFor(vaultPath: string): string {
  return `${vaultPath}.bak`;
}

/** Writer lock file (PID inside) next to the vault. */
export function lockPathFor(vaultPath: string): string {
  return `${vaultPath}.lock`;
}

/** Where a repair keeps the damaged file as it was found (`tag` keeps repeated repairs apart). */
export function damagedCopyPathFor(vaultPath: string, tag: string): string {
  return `${vaultPath}.damaged-${tag}.bak`;
}

/** The verdict roll-ups kept from the last session (electron/service/verdict-cache.ts), sealed. */
export function verdictCachePathFor(vaultPath: string): string {
  return `${vaultPath}.verdicts`;
}
