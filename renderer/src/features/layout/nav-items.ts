import type { Route } from '../../store/ui-slice';

export interface NavItem {
  route: Route;
  label: string;
  /** Ctrl/Cmd + this key goes there */
  key: string;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { route: 'dashboard', label: 'Dashboard', key: '1' },
  { route: 'certificates', label: 'Certificates', key: '2' },
  { route: 'issue', label: 'Issue', key: '3' },
  { route: 'batch', label: 'Batch', key: '4' },
  { route: 'authorities', label: 'Authorities', key: '5' },
  { route: 'inspect', label: 'Inspect', key: '6' },
  { route: 'check', label: 'mTLS check', key: '7' },
  { route: 'audit', label: 'Audit log', key: '8' },
  { route: 'settings', label: 'Settings', key: '9' },
];

export interface Shortcut {
  keys: string;
  action: string;
}

/** True on macOS, where the Command key (⌘) takes the place of Ctrl in every shortcut. */
export function isMac(platform: string | undefined): boolean {
  return platform === 'darwin';
}

/**
 * A shortcut written as the platform writes it: "⌘1" on macOS, "Ctrl+1" on Linux and Windows. Shortcuts are
 * declared with "Ctrl+"; the macOS form replaces the modifier and drops the plus, as macOS menus show it.
 */
export function shortcutLabel(keys: string, platform: string | undefined): string {
  return isMac(platform) ? keys.replace(/Ctrl\+/g, '⌘') : keys;
}

/** The aria-keyshortcuts value for Ctrl/⌘ + key on this platform. */
export function ariaShortcut(key: string, platform: string | undefined): string {
  return `${isMac(platform) ? 'Meta' : 'Control'}+${key}`;
}

/** Shown in the shortcuts dialog; use-shortcuts.ts implements exactly these. */
export const SHORTCUTS: readonly Shortcut[] = [
  { keys: 'Ctrl+L', action: 'Lock the vault' },
  { keys: 'Ctrl+N', action: 'Issue a certificate' },
  { keys: 'Ctrl+F', action: 'Search certificates' },
  {
    keys: 'Ctrl+1 … Ctrl+9',
    action:
      'Go to Dashboard, Certificates, Issue, Batch, Authorities, Inspect, mTLS check, Audit log, Settings',
  },
  { keys: 'Ctrl+/ or F1', action: 'Show keyboard shortcuts' },
  { keys: 'Escape', action: 'Close a dialog or the certificate inspector' },
];
