import { _electron as electron, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

export interface LaunchedElectron {
  app: ElectronApplication;
  page: Page;
  userData: string;
  close(): Promise<void>;
}

/**
 * Launches the built app (package.json "main" → dist/electron/main.cjs) with a fresh userData folder, so
 * each test gets its own vault at <userData>/vault.certdesk, and waits for the renderer's ready signal.
 */
export async function launchElectron(binary: string, userData?: string): Promise<LaunchedElectron> {
  const dir = userData ?? mkdtempSync(path.join(tmpdir(), 'certdesk-electron-'));
  const app = await electron.launch({
    executablePath: binary,
    args: electronArgs(),
    cwd: REPO_ROOT,
    env: { ...process.env, CERTDESK_USER_DATA: dir },
  });
  const page = await app.firstWindow();
  await page.locator('[data-app-state="ready"]').waitFor();
  return {
    app,
    page,
    userData: dir,
    async close() {
      await app.close().catch(() => undefined);
      if (!userData) rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Chromium refuses to start as root with its OS sandbox on (CI containers run as root); the renderer's
 * Electron sandbox (no Node, restricted preload) still applies and is what the specs check.
 */
export function electronArgs(): string[] {
  return [REPO_ROOT, ...(process.getuid?.() === 0 ? ['--no-sandbox'] : [])];
}
