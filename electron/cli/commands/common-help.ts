/** Options every vault command accepts; appended to each command's --help. */
export const VAULT_OPTIONS_HELP = `
Vault options:
  --vault FILE              vault file (default: $CERTDESK_VAULT, else the desktop app's vault)
  --passphrase-file FILE    read the vault passphrase from the first line of FILE
                            (else $CERTDESK_PASSPHRASE, else a no-echo prompt on the terminal)
  -h, --help                show this help`;
