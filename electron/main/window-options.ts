import type { BrowserWindowConstructorOptions, WebPreferences } from 'electron';

export interface WindowBounds {
  x?: number;
  y?: number;
  width: number;
  height: number;
}

export const DEFAULT_BOUNDS: WindowBounds = { width: 1280, height: 840 };
export const MIN_SIZE = { width: 900, height: 600 } as const;

export interface WebPreferencesInput {
  /** absolute path of dist/electron/preload.cjs */
  preloadPath: string;
  /** `app.isPackaged`: DevTools are only available in development builds */
  isPackaged: boolean;
}

/**
 * The renderer's webPreferences, each set explicitly even where it matches Electron's default, so a future
 * default change or a copy-pasted template cannot weaken them silently (checklist #2, #3, #4, #6, #8, #9,
 * #10, #12). Unit-tested as data in window-options.test.ts.
 */
export function secureWebPreferences(input: WebPreferencesInput): WebPreferences {
  return {
    preload: input.preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    // Dropping a file onto the window must not navigate the app away to file://; the renderer reads the
    // dropped File's contents instead.
    navigateOnDragDrop: false,
    devTools: !input.isPackaged,
    spellcheck: false,
    safeDialogs: true,
    autoplayPolicy: 'user-gesture-required',
  };
}

export interface WindowOptionsInput extends WebPreferencesInput {
  bounds: WindowBounds;
  /** window/taskbar icon on Linux (macOS and Windows take it from the bundle) */
  iconPath?: string;
  /** `nativeTheme.shouldUseDarkColors`: the pre-paint background matches the renderer's --bg */
  darkMode?: boolean;
}

/** Everything passed to `new BrowserWindow`: shown only once the first paint is ready, to avoid a white flash. */
export function mainWindowOptions(input: WindowOptionsInput): BrowserWindowConstructorOptions {
  return {
    ...input.bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    title: 'CertDesk',
    show: false,
    backgroundColor: input.darkMode ? '#14171c' : '#f7f8fa',
    ...(input.iconPath ? { icon: input.iconPath } : {}),
    webPreferences: secureWebPreferences(input),
  };
}
