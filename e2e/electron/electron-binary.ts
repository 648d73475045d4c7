import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

const require = createRequire(import.meta.url);

/**
 * Where the Electron binary is, or why there is none. `CERTDESK_ELECTRON` points at a binary installed
 * elsewhere; otherwise the one the `electron` package downloaded is used. This reads the package's
 * path.txt instead of `require('electron')`, whose index.js (Electron ≥ 45) starts a download when the binary
 * is missing — a network call and a long stall on offline machines, where the suite must simply report
 * itself skipped with this reason.
 */
export function electronBinary(): { path: string } | { missing: string } {
  const override = process.env.CERTDESK_ELECTRON;
  if (override) {
    return existsSync(override)
      ? { path: override }
      : { missing: `CERTDESK_ELECTRON=${override} does not exist` };
  }
  const howToFix =
    'its download was skipped (ELECTRON_SKIP_BINARY_DOWNLOAD) or had no internet; run `npm rebuild electron` online, or set CERTDESK_ELECTRON to an Electron 45 binary';
  let packageDir: string;
  try {
    packageDir = path.dirname(require.resolve('electron/package.json'));
  } catch {
    return { missing: 'the electron package is not installed (npm ci)' };
  }
  const pathFile = path.join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { missing: `Electron binary not installed: ${howToFix}` };
  const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(packageDir, 'dist');
  const binary = path.join(distDir, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary)
    ? { path: binary }
    : { missing: `Electron binary missing at ${binary}: ${howToFix}` };
}
