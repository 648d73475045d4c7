import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Electron's per-user data folder for `appName` (app.getPath('userData')). */
function userDataDir(appName: string, env: NodeJS.ProcessEnv, platform: string): string {
  const home = homedir();
  if (platform === 'win32') return join(env.APPDATA ?? join(home, 'AppData', 'Roaming'), appName);
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', appName);
  return join(env.XDG_CONFIG_HOME ?? join(home, '.config'), appName);
}

/**
 * The app's state folder (rollback witness): `CERTDESK_STATE_DIR` (tests, portable setups), else the
 * desktop app's userData folder, the same place Electron keeps its settings.
 */
export function resolveStateDir(env: NodeJS.ProcessEnv, platform: string = process.platform): string {
  return env.CERTDESK_STATE_DIR ?? userDataDir('CertDesk', env, platform);
}

/**
 * The vault file: `--vault`, else `CERTDESK_VAULT`, else the desktop app's vault in Electron's userData.
 * Electron names that folder after package.json's productName ("CertDesk", packaged) or name ("certdesk",
 * `npm start`); the first that holds a vault wins, else the packaged location.
 */
export function resolveVaultPath(
  flag: string | undefined,
  env: NodeJS.ProcessEnv,
  platform: string = process.platform,
): string {
  if (flag) return flag;
  if (env.CERTDESK_VAULT) return env.CERTDESK_VAULT;
  const candidates = ['CertDesk', 'certdesk'].map((n) =>
    join(userDataDir(n, env, platform), 'vault.certdesk'),
  );
  return candidates.find((p) => existsSync(p)) ?? (candidates[0] as string);
}
