import { BrowserWindow, screen } from 'electron';
import { APP_ENTRY_URL } from './app-origin';
import { mainWindowOptions } from './window-options';
import { readWindowState, restoreBounds, writeWindowState } from './window-state';

export interface MainWindowInput {
  preloadPath: string;
  isPackaged: boolean;
  userDataDir: string;
  darkMode: boolean;
  iconPath?: string;
  onLoadFailed?: (error: unknown) => void;
}

/**
 * Creates the one app window with the options from window-options.ts, at its remembered position (validated
 * against the current displays), and loads the renderer from app://certdesk/.
 */
export function createMainWindow(input: MainWindowInput): BrowserWindow {
  const displays = screen.getAllDisplays().map((d) => d.workArea);
  const saved = restoreBounds(readWindowState(input.userDataDir), displays);
  const win = new BrowserWindow(
    mainWindowOptions({
      preloadPath: input.preloadPath,
      isPackaged: input.isPackaged,
      bounds: saved.bounds,
      darkMode: input.darkMode,
      ...(input.iconPath ? { iconPath: input.iconPath } : {}),
    }),
  );
  if (saved.maximized) win.maximize();
  win.once('ready-to-show', () => win.show());
  win.on('close', () => {
    try {
      writeWindowState(input.userDataDir, { bounds: win.getNormalBounds(), maximized: win.isMaximized() });
    } catch {
      // Losing the window position is harmless; it must never block closing.
    }
  });
  win.loadURL(APP_ENTRY_URL).catch((e: unknown) => input.onLoadFailed?.(e));
  return win;
}
