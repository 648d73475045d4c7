import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_BOUNDS, MIN_SIZE, type WindowBounds } from './window-options';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

export const WINDOW_STATE_FILE = 'window-state.json';
const MAX_SIDE = 16_384;
/** how much of the window must stay on a display for the saved position to be reused */
const MIN_VISIBLE = 64;

function isInt(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function overlap(a: Rect, b: Rect): { w: number; h: number } {
  return {
    w: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    h: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Turns whatever the state file holds into safe bounds. The file is user-writable and may be stale (a monitor
 * unplugged), so anything malformed, absurd or off-screen falls back to the default size, centred by Electron.
 */
export function restoreBounds(
  raw: unknown,
  displays: readonly Rect[],
): { bounds: WindowBounds; maximized: boolean } {
  const fallback = { bounds: { ...DEFAULT_BOUNDS }, maximized: false };
  if (typeof raw !== 'object' || raw === null) return fallback;
  const { bounds, maximized } = raw as { bounds?: unknown; maximized?: unknown };
  if (typeof bounds !== 'object' || bounds === null) return fallback;
  const b = bounds as Record<string, unknown>;
  if (!isInt(b.width, MIN_SIZE.width, MAX_SIDE) || !isInt(b.height, MIN_SIZE.height, MAX_SIDE))
    return fallback;
  const size = { width: b.width, height: b.height };
  const isMaximized = maximized === true;
  if (!isInt(b.x, -MAX_SIDE * 4, MAX_SIDE * 4) || !isInt(b.y, -MAX_SIDE * 4, MAX_SIDE * 4)) {
    return { bounds: size, maximized: isMaximized };
  }
  const rect: Rect = { x: b.x, y: b.y, ...size };
  const visible = displays.some((d) => {
    const o = overlap(rect, d);
    return o.w >= MIN_VISIBLE && o.h >= MIN_VISIBLE;
  });
  return { bounds: visible ? rect : size, maximized: isMaximized };
}

export function readWindowState(userDataDir: string): unknown {
  try {
    return JSON.parse(readFileSync(path.join(userDataDir, WINDOW_STATE_FILE), 'utf8')) as unknown;
  } catch {
    return null;
  }
}

/** Write-then-rename, so a crash mid-write leaves the previous state rather than a torn file. */
export function writeWindowState(userDataDir: string, state: WindowState): void {
  mkdirSync(userDataDir, { recursive: true });
  const target = path.join(userDataDir, WINDOW_STATE_FILE);
  const temp = `${target}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(state)}\n`, { mode: 0o600 });
  renameSync(temp, target);
}
