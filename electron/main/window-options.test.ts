import { describe, expect, it } from 'vitest';
import { mainWindowOptions, MIN_SIZE, secureWebPreferences } from './window-options';

const base = { preloadPath: '/app/dist/electron/preload.cjs' };

describe('secureWebPreferences', () => {
  it('isolates, sandboxes and strips Node from the renderer, its subframes and its workers', () => {
    const prefs = secureWebPreferences({ ...base, isPackaged: true });
    expect(prefs).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInSubFrames: false,
      nodeIntegrationInWorker: false,
      webviewTag: false,
    });
  });

  it('keeps web security on and insecure content, experimental features and Blink features off', () => {
    const prefs = secureWebPreferences({ ...base, isPackaged: true });
    expect(prefs.webSecurity).toBe(true);
    expect(prefs.allowRunningInsecureContent).toBe(false);
    expect(prefs.experimentalFeatures).toBe(false);
    expect(prefs).not.toHaveProperty('enableBlinkFeatures');
    expect(prefs).not.toHaveProperty('additionalArguments');
  });

  it('does not navigate when a file is dropped onto the window', () => {
    expect(secureWebPreferences({ ...base, isPackaged: true }).navigateOnDragDrop).toBe(false);
  });

  it('disables DevTools in packaged builds and allows them in development', () => {
    expect(secureWebPreferences({ ...base, isPackaged: true }).devTools).toBe(false);
    expect(secureWebPreferences({ ...base, isPackaged: false }).devTools).toBe(true);
  });

  it('loads the given preload script and nothing else', () => {
    expect(secureWebPreferences({ ...base, isPackaged: true }).preload).toBe(base.preloadPath);
  });
});

describe('mainWindowOptions', () => {
  it('starts hidden at the given bounds with a minimum size and the secure preferences', () => {
    const options = mainWindowOptions({
      ...base,
      isPackaged: true,
      bounds: { x: 10, y: 20, width: 1000, height: 700 },
    });
    expect(options).toMatchObject({ x: 10, y: 20, width: 1000, height: 700, show: false, title: 'CertDesk' });
    expect(options.minWidth).toBe(MIN_SIZE.width);
    expect(options.minHeight).toBe(MIN_SIZE.height);
    expect(options.webPreferences).toEqual(secureWebPreferences({ ...base, isPackaged: true }));
  });

  it('paints the background the renderer will use in dark and light mode', () => {
    const bounds = { width: 1000, height: 700 };
    expect(mainWindowOptions({ ...base, isPackaged: true, bounds, darkMode: true }).backgroundColor).toBe(
      '#14171c',
    );
    expect(mainWindowOptions({ ...base, isPackaged: true, bounds, darkMode: false }).backgroundColor).toBe(
      '#f7f8fa',
    );
  });
});
