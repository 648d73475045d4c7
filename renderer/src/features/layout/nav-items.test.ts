import { describe, expect, it } from 'vitest';
import { ariaShortcut, shortcutLabel } from './nav-items';

describe('shortcut hints', () => {
  it('are written Ctrl+1 on Linux and Windows and ⌘1 on macOS, never in caret notation', () => {
    expect(shortcutLabel('Ctrl+1', 'linux')).toBe('Ctrl+1');
    expect(shortcutLabel('Ctrl+1', 'win32')).toBe('Ctrl+1');
    expect(shortcutLabel('Ctrl+1', 'darwin')).toBe('⌘1');
    expect(shortcutLabel('Ctrl+1 … Ctrl+9', 'darwin')).toBe('⌘1 … ⌘9');
  });
  it('announce the platform modifier to assistive technology', () => {
    expect(ariaShortcut('L', 'linux')).toBe('Control+L');
    expect(ariaShortcut('L', 'darwin')).toBe('Meta+L');
  });
});
