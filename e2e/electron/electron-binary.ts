import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ELECTRON_DIR = fileURLToPath(new URL('../../node_modules/electron/', import.meta.url));

/**
 * Where the Electron binary is, or why there is none. Deliberately does not `require('electron')`: that
 * starts a download when the binary is missing, and this machine is offline.
 */
export function electronBinary(): { path: string } | { missing: string } {
  const pathFile = path.join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) {
    return {
      missing:
        'Electron binary not installed: its download was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD, no internet). ' +
        'Run `npm rebuild electron` with internet access to enable this suite.',
    };
  }
  const relative = readFileSync(pathFile, 'utf8').trim();
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(ELECTRON_DIR, 'dist');
  const binary = path.join(distDir, relative);
  return existsSync(binary) ? { path: binary } : { missing: `Electron binary missing at ${binary}` };
}
