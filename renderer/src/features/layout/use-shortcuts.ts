import { useEffect } from 'react';
import { runCommand, type AppCommand } from '../../store/events';
import { useAppStore } from '../../store';
import { NAV_ITEMS } from './nav-items';

/** Maps a keydown to an app command; exported for unit tests. Ctrl on Linux/Windows, Cmd on macOS. */
export function commandForKey(
  e: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
): AppCommand | null {
  if (e.key === 'F1') return 'shortcuts';
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === '/' || key === '?') return 'shortcuts';
  // With Shift it is another shortcut: the menu's New Vault… is Ctrl+Shift+N.
  if (e.shiftKey) return null;
  if (key === 'l') return 'lock';
  if (key === 'n') return 'issue';
  if (key === 'f') return 'find';
  const nav = NAV_ITEMS.find((n) => n.key === key);
  return nav ? `go:${nav.route}` : null;
}

export function useShortcuts(): void {
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent): void => {
      const command = commandForKey(e);
      if (!command) return;
      e.preventDefault();
      runCommand(useAppStore, command);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
