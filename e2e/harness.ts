/**
 * Stable contract for our Playwright tests and outside acceptance tests:
 *   launchApp(options?: { vaultPath?: string; now?: Date; dialogs?: HarnessDialogs })
 *     : Promise<{ page: Page; close(): Promise<void> }>
 * Builds nothing: the test command builds dist/renderer first. Starts the real service in this Node process,
 * opens the built renderer in Debian Chromium on a fixed origin served through page.route, and installs
 * window.certdesk with the same shape and handler table as Electron's preload and main.
 *
 * `dialogs` answers what main's native dialogs would (the renderer never sends a path; main asks):
 *   - `chooseFolder(purpose)`: the folder picked in a folder dialog, or null for Cancel.
 *     Default: a new empty folder under the test's scratch directory.
 *   - `chooseFile(purpose)`: the file picked in an open or save dialog, or null for Cancel. Default: null.
 *   - `confirm(message)`: the answer to main's confirmation box (unencrypted key export, replacing a previous
 *     export, restoring over the open vault, changing the passphrase); `message` names exactly what will
 *     happen. Default: false (Cancel), so nothing dangerous happens unless the test says yes.
 * `purpose` is one of `read-file`, `read-folder`, `write-folder`, `write-file`, `open-vault`, `restore-vault`
 * (shared/ipc/path-grants.ts). Each answer may be a plain value or a promise.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import type { DialogsPort } from '../electron/service';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHANNELS, countsAsActivity, isChannel } from '../shared/ipc/channels';
import { buildCertDeskApi } from '../shared/ipc/build-api';
import { createFrontEndHandlers } from './harness-handlers';
import { createDispatcher } from '../electron/service/dispatch';

export const APP_ORIGIN = 'https://app.certdesk.invalid';
const RENDERER_DIR = fileURLToPath(new URL('../dist/renderer/', import.meta.url));
export const CHROMIUM_PATH = process.env.CERTDESK_CHROMIUM ?? '/usr/bin/chromium';
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

type MaybePromise<T> = T | Promise<T>;

/** Test-controlled answers to main's native dialogs (see the top of this file for the defaults). */
export interface HarnessDialogs {
  chooseFolder?(purpose: string): MaybePromise<string | null>;
  chooseFile?(purpose: string): MaybePromise<string | null>;
  confirm?(message: string): MaybePromise<boolean>;
}

export interface LaunchOptions {
  vaultPath?: string;
  now?: Date;
  dialogs?: HarnessDialogs;
}

export interface LaunchedApp {
  page: Page;
  close(): Promise<void>;
}

let sharedBrowser: Promise<Browser> | null = null;
function browser(): Promise<Browser> {
  sharedBrowser ??= chromium.launch({ executablePath: CHROMIUM_PATH, headless: true, args: CHROMIUM_ARGS });
  return sharedBrowser;
}

function serveRendererFile(urlPath: string): { status: number; body: Buffer | string; contentType: string } {
  const relative = decodeURIComponent(urlPath).replace(/^\/+/, '') || 'index.html';
  const resolved = path.resolve(RENDERER_DIR, relative);
  if (!resolved.startsWith(RENDERER_DIR) || !existsSync(resolved)) {
    return { status: 404, body: 'not found', contentType: 'text/plain' };
  }
  return {
    status: 200,
    body: readFileSync(resolved),
    contentType: CONTENT_TYPES[path.extname(resolved)] ?? 'application/octet-stream',
  };
}

/** The test's answers as main's dialogs port; what the test leaves out gets the documented default. */
function harnessDialogs(answers: HarnessDialogs, scratch: string): DialogsPort {
  return {
    chooseFolder: async ({ purpose }) =>
      answers.chooseFolder
        ? await answers.chooseFolder(purpose)
        : mkdtempSync(path.join(scratch, `${purpose}-`)),
    chooseFile: async ({ purpose }) => (answers.chooseFile ? await answers.chooseFile(purpose) : null),
    confirm: async ({ message }) => (answers.confirm ? await answers.confirm(message) : false),
  };
}

export async function launchApp(options: LaunchOptions = {}): Promise<LaunchedApp> {
  if (!existsSync(path.join(RENDERER_DIR, 'index.html'))) {
    throw new Error(`Renderer not built: ${RENDERER_DIR}index.html is missing. Run \`npm run build\` first.`);
  }
  const scratch = mkdtempSync(path.join(tmpdir(), 'certdesk-e2e-'));
  const vaultPath = options.vaultPath ?? path.join(scratch, 'vault.certdesk');
  // A fixed `now` starts the app's clock there; it then advances in real time so idle timers behave.
  const offset = options.now ? options.now.getTime() - Date.now() : 0;
  const now = (): Date => new Date(Date.now() + offset);

  let page: Page | null = null;
  const emit = (event: string, payload?: unknown): void => {
    void page
      ?.evaluate(
        ([e, p]) =>
          (window as unknown as { __certdeskEmit?: (e: string, p: unknown) => void }).__certdeskEmit?.(e, p),
        [event, payload ?? null] as const,
      )
      .catch(() => undefined);
  };
  const { handlers, service } = await createFrontEndHandlers({
    now,
    vaultPath,
    emit,
    dialogs: harnessDialogs(options.dialogs ?? {}, scratch),
  });
  const dispatch = createDispatcher(handlers);

  const context = await (await browser()).newContext({ colorScheme: 'light' });
  page = await context.newPage();
  await page.route(`${APP_ORIGIN}/**`, (route) => {
    const { status, body, contentType } = serveRendererFile(new URL(route.request().url()).pathname);
    return route.fulfill({ status, body, contentType });
  });
  // Anything not from the app origin is refused, as Electron's session does: the app is offline. A refused
  // navigation gets an empty 204 so Chromium stays on the app (Electron's will-navigate does the same).
  await page.route(/^(?!https:\/\/app\.certdesk\.invalid\/).*/, (route) =>
    route.request().isNavigationRequest() ? route.fulfill({ status: 204 }) : route.abort('blockedbyclient'),
  );
  // Results cross as one JSON string: Playwright's value-by-value serialiser takes seconds on a
  // 10,000-certificate list, while JSON.parse in the page takes milliseconds (Electron's IPC clones natively).
  await page.exposeFunction('__certdeskInvoke', async (channel: unknown, payload: unknown) => {
    if (!isChannel(channel) || countsAsActivity(channel)) service.touch();
    return JSON.stringify(await dispatch(channel, payload));
  });
  await page.addInitScript(
    ({ channels, builder }) => {
      type Listener = (payload: unknown) => void;
      const listeners = new Map<string, Set<Listener>>();
      const w = window as unknown as Record<string, unknown>;
      const rawInvoke = w.__certdeskInvoke as (c: string, p: unknown) => Promise<string>;
      const invoke = async (c: string, p: unknown): Promise<unknown> =>
        JSON.parse(await rawInvoke(c, p)) as unknown;
      w.__certdeskEmit = (event: string, payload: unknown): void => {
        for (const l of listeners.get(event) ?? []) l(payload);
      };
      const subscribe = (event: string, listener: Listener): (() => void) => {
        const set = listeners.get(event) ?? new Set<Listener>();
        set.add(listener);
        listeners.set(event, set);
        return () => set.delete(listener);
      };
      // eslint-disable-next-line @typescript-eslint/no-implied-eval -- the builder is our own source, shipped as text
      const build = new Function(`return (${builder})`) as () => (...a: unknown[]) => unknown;
      w.certdesk = build()(channels, (c: string, p: unknown) => invoke(c, p), subscribe);
    },
    { channels: [...CHANNELS], builder: buildCertDeskApi.toString() },
  );
  await page.goto(`${APP_ORIGIN}/index.html`);

  return {
    page,
    async close() {
      await context.close().catch(() => undefined);
      await service.dispose();
      if (!options.vaultPath) rmSync(scratch, { recursive: true, force: true });
    },
  };
}
