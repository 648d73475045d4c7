import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * The vault file: `--vault`, else `CERTDESK_VAULT`, else the desktop app's default location
 * (Electron's per-user data folder for an app named CertDesk).
 */
export function resolveVaultPath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  platform = process.platform,
): string {
  if (flag) return flag;
  if (env.CERTDESK_VAULT) return env.CERTDESK_VAULT;
  const home = homedir();
  if (platform === 'win32')
    return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), 'CertDesk', 'vault.certdesk');
  if (platform === 'darwin')
    return join(home, 'Library', 'Application Support', 'CertDesk', 'vault.certdesk');
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), 'CertDesk', 'vault.certdesk');
}
