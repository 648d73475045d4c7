import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** Where the Electron binary is, or why there is none (its download is skipped on offline machines). */
export function electronBinary(): { path: string } | { missing: string } {
  try {
    const binary = require('electron') as unknown as string;
    if (typeof binary === 'string' && existsSync(binary)) return { path: binary };
    return { missing: `Electron binary not found at ${String(binary)}` };
  } catch (e) {
    return {
      missing: `Electron binary not installed (download skipped: ELECTRON_SKIP_BINARY_DOWNLOAD / no internet): ${
        e instanceof Error ? e.message.split('\n')[0] : String(e)
      }`,
    };
  }
}
