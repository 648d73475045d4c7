// `npm start`: launch the built app with the Electron binary, or say clearly why it cannot start.
import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
let electronPath;
try {
  electronPath = require('electron');
} catch (e) {
  console.error(
    "CertDesk: the Electron binary is not installed (it is downloaded by electron's postinstall, which was " +
      'skipped or could not reach the internet). Run `npm rebuild electron` on a machine with internet access, then `npm start` again.\n' +
      `Details: ${e instanceof Error ? e.message : String(e)}`,
  );
  process.exit(1);
}
const child = spawn(electronPath, ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
