// `npm start`: launch the built app with the Electron binary, or say clearly why it cannot start.
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const electronDir = path.resolve('node_modules/electron');
const pathFile = path.join(electronDir, 'path.txt');
const binary = existsSync(pathFile)
  ? path.join(
      process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, 'dist'),
      readFileSync(pathFile, 'utf8').trim(),
    )
  : null;

if (!binary || !existsSync(binary)) {
  console.error(
    "CertDesk is built (dist/), but the Electron binary is not installed: electron's postinstall download was " +
      'skipped (ELECTRON_SKIP_BINARY_DOWNLOAD) or could not reach the internet.\n' +
      'On a machine with internet access run `npm rebuild electron` (or `npm ci` without ELECTRON_SKIP_BINARY_DOWNLOAD), then `npm start`.',
  );
  process.exit(1);
}
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
