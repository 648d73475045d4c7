/** Options every vault command accepts; appended to each command's --help. */
export const VAULT_OPTIONS_HELP = `
Vault options:
  --vault FILE              vault file (default: $CERTDESK_VAULT, else the desktop app's vault)
  --passphrase-file FILE    read the vault passphrase from the first line of FILE
                            (else $CERTDESK_PASSPHRASE, else a no-echo prompt on the terminal)
  --accept-rollback         open the vault even though it is older than the one last opened on this
                            workstation (the rollback is audited; otherwise exit 3, VAULT_ROLLED_BACK)
  -h, --help                show this help`;
