// `npm start`: launch the built app with the Electron binary, fetching it once when it was never installed,
// or say clearly why it cannot start.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const electronDir = path.resolve('node_modules/electron');

function binaryPath() {
  const pathFile = path.join(electronDir, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const dist = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(electronDir, 'dist');
  const binary = path.join(dist, readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}

let binary = binaryPath();
if (!binary && !process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) {
  console.log('CertDesk: fetching the Electron binary (one time, needs internet)…');
  spawnSync(process.execPath, [path.join(electronDir, 'install.js')], { stdio: 'inherit' });
  binary = binaryPath();
}
if (!binary) {
  console.error(
    'CertDesk is built (dist/), but the Electron binary is not installed: its download was skipped ' +
      '(ELECTRON_SKIP_BINARY_DOWNLOAD) or could not reach the internet.\n' +
      'On a machine with internet access run `npm ci` without ELECTRON_SKIP_BINARY_DOWNLOAD (or `npm rebuild electron`), then `npm start`.',
  );
  process.exit(1);
}
const child = spawn(binary, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
