import type { Session } from 'electron';

type RequestHandler = NonNullable<Parameters<Session['setPermissionRequestHandler']>[0]>;
/** Every permission name Electron 45's session handlers can be asked about. */
export type ElectronPermission = Parameters<RequestHandler>[1];

/**
 * Every permission Electron 45 defines, copied from its type declarations; the compile-time check below
 * fails when an Electron upgrade adds one, so the unit test keeps covering the whole set.
 */
export const KNOWN_PERMISSIONS = [
  'ar',
  'automatic-fullscreen',
  'background-fetch',
  'background-sync',
  'captured-surface-control',
  'clipboard-read',
  'clipboard-sanitized-write',
  'deprecated-sync-clipboard-read',
  'display-capture',
  'fileSystem',
  'fullscreen',
  'geolocation',
  'geolocation-approximate',
  'hand-tracking',
  'hid',
  'idle-detection',
  'keyboardLock',
  'local-fonts',
  'local-network',
  'local-network-access',
  'loopback-network',
  'media',
  'mediaKeySystem',
  'midi',
  'midiSysex',
  'nfc',
  'notifications',
  'openExternal',
  'payment-handler',
  'periodic-background-sync',
  'persistent-storage',
  'pointerLock',
  'screen-wake-lock',
  'sensors',
  'serial',
  'smart-card',
  'speaker-selection',
  'storage-access',
  'system-wake-lock',
  'top-level-storage-access',
  'usb',
  'vr',
  'web-app-installation',
  'web-printing',
  'window-management',
  'unknown',
] as const satisfies readonly ElectronPermission[];

type Unlisted = Exclude<ElectronPermission, (typeof KNOWN_PERMISSIONS)[number]>;
const _everyPermissionListed: [Unlisted] extends [never] ? true : never = true;
void _everyPermissionListed;

/**
 * The app needs no browser permission at all (clipboard writes from a user gesture need none), and Electron
 * grants every request when no handler is set (checklist #5). So requests, checks and device access are all
 * refused, whatever the permission or origin.
 */
export function isPermissionGranted(_permission: string, _origin: string): boolean {
  return false;
}

/** Device pickers (HID, serial, USB, Bluetooth): no device is ever selectable. */
export function isDeviceAccessGranted(_deviceType: string, _origin: string): boolean {
  return false;
}
