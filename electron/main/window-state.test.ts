import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BOUNDS } from './window-options';
import { readWindowState, restoreBounds, WINDOW_STATE_FILE, writeWindowState } from './window-state';

const display = { x: 0, y: 0, width: 1920, height: 1080 };
const fallback = { bounds: DEFAULT_BOUNDS, maximized: false };

describe('restoreBounds', () => {
  it('restores saved bounds that are on a display', () => {
    const saved = { bounds: { x: 100, y: 50, width: 1200, height: 800 }, maximized: true };
    expect(restoreBounds(saved, [display])).toEqual(saved);
  });

  it('keeps the size but lets Electron centre a window saved on a display that is gone', () => {
    const saved = { bounds: { x: 3000, y: 50, width: 1200, height: 800 }, maximized: false };
    expect(restoreBounds(saved, [display])).toEqual({
      bounds: { width: 1200, height: 800 },
      maximized: false,
    });
  });

  it('falls back to the default for malformed, tiny, huge or non-integer sizes', () => {
    for (const raw of [
      null,
      'garbage',
      [],
      { bounds: null },
      { bounds: { x: 0, y: 0, width: 10, height: 10 } },
      { bounds: { x: 0, y: 0, width: 1e9, height: 800 } },
      { bounds: { x: 0, y: 0, width: 1200.5, height: 800 } },
      { bounds: { x: 0, y: 0, width: '1200', height: 800 } },
      { bounds: { x: 0, y: 0, width: Number.NaN, height: 800 } },
    ]) {
      expect(restoreBounds(raw, [display]), JSON.stringify(raw)).toEqual(fallback);
    }
  });

  it('ignores a non-boolean maximized flag', () => {
    expect(
      restoreBounds({ bounds: { x: 0, y: 0, width: 1000, height: 700 }, maximized: 'yes' }, [display])
        .maximized,
    ).toBe(false);
  });
});

describe('window state file', () => {
  let dir = '';
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips through userData, readable only by the owner', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'certdesk-ws-'));
    const state = { bounds: { x: 1, y: 2, width: 1000, height: 700 }, maximized: false };
    writeWindowState(dir, state);
    expect(readWindowState(dir)).toEqual(state);
    expect(statSync(path.join(dir, WINDOW_STATE_FILE)).mode & 0o077).toBe(0);
    expect(readFileSync(path.join(dir, WINDOW_STATE_FILE), 'utf8').endsWith('\n')).toBe(true);
  });

  it('reads a missing or corrupt file as nothing', () => {
    dir = mkdtempSync(path.join(tmpdir(), 'certdesk-ws-'));
    expect(readWindowState(dir)).toBeNull();
    writeFileSync(path.join(dir, WINDOW_STATE_FILE), '{not json');
    expect(readWindowState(dir)).toBeNull();
  });
});
