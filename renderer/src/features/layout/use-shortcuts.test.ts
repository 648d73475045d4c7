import { describe, expect, it } from 'vitest';
import { commandForKey } from './use-shortcuts';

const key = (
  k: string,
  mods: Partial<Record<'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey', boolean>> = { ctrlKey: true },
) => ({
  key: k,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  shiftKey: false,
  ...mods,
});

describe('keyboard shortcuts', () => {
  it('maps Ctrl+L, Ctrl+N and Ctrl+F to lock, issue and find, and Cmd works like Ctrl', () => {
    expect(commandForKey(key('l'))).toBe('lock');
    expect(commandForKey(key('N'))).toBe('issue');
    expect(commandForKey(key('f', { metaKey: true }))).toBe('find');
  });

  it('maps Ctrl+digits to the navigation entries and F1 to the help dialog', () => {
    expect(commandForKey(key('2'))).toBe('go:certificates');
    expect(commandForKey(key('8'))).toBe('go:audit');
    expect(commandForKey(key('4'))).toBe('go:batch');
    expect(commandForKey(key('F1', {}))).toBe('shortcuts');
  });

  it('ignores plain letters and Ctrl+Alt combinations', () => {
    expect(commandForKey(key('l', {}))).toBeNull();
    expect(commandForKey(key('l', { ctrlKey: true, altKey: true }))).toBeNull();
  });

  it("leaves Ctrl+Shift+N to the menu's New Vault… and still opens the help with Ctrl+? (Shift on most layouts)", () => {
    expect(commandForKey(key('N', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(commandForKey(key('2', { ctrlKey: true, shiftKey: true }))).toBeNull();
    expect(commandForKey(key('?', { ctrlKey: true, shiftKey: true }))).toBe('shortcuts');
  });
});
