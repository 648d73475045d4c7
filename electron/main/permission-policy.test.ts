import { describe, expect, it } from 'vitest';
import { isDeviceAccessGranted, isPermissionGranted, KNOWN_PERMISSIONS } from './permission-policy';

describe('permission policy', () => {
  it('lists every permission Electron 45 defines (the list is checked against its types at compile time)', () => {
    expect(KNOWN_PERMISSIONS.length).toBeGreaterThanOrEqual(46);
    expect(new Set(KNOWN_PERMISSIONS).size).toBe(KNOWN_PERMISSIONS.length);
  });

  it('denies every permission, even to the app origin', () => {
    for (const permission of KNOWN_PERMISSIONS) {
      expect(isPermissionGranted(permission, 'app://certdesk'), permission).toBe(false);
      expect(isPermissionGranted(permission, 'https://example.com'), permission).toBe(false);
    }
  });

  it('denies permissions Electron does not know yet', () => {
    expect(isPermissionGranted('some-future-permission', 'app://certdesk')).toBe(false);
  });

  it('denies every device type', () => {
    for (const device of ['hid', 'serial', 'usb', 'bluetooth']) {
      expect(isDeviceAccessGranted(device, 'app://certdesk'), device).toBe(false);
    }
  });
});
