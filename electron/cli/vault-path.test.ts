import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveVaultPath } from './vault-path';

let dir = '';
afterEach(() => dir && rmSync(dir, { recursive: true, force: true }));

describe('vault path resolution', () => {
  it('prefers --vault, then CERTDESK_VAULT', () => {
    expect(resolveVaultPath('/a/v', { CERTDESK_VAULT: '/b/v' }, 'linux')).toBe('/a/v');
    expect(resolveVaultPath(undefined, { CERTDESK_VAULT: '/b/v' }, 'linux')).toBe('/b/v');
  });

  it("falls back to the desktop app's vault in Electron's userData folder", () => {
    dir = mkdtempSync(path.join(tmpdir(), 'certdesk-vp-'));
    expect(resolveVaultPath(undefined, { XDG_CONFIG_HOME: dir }, 'linux')).toBe(
      path.join(dir, 'CertDesk', 'vault.certdesk'),
    );
    // A development build (`npm start`) names the folder after package.json's lower-case name.
    mkdirSync(path.join(dir, 'certdesk'));
    writeFileSync(path.join(dir, 'certdesk', 'vault.certdesk'), '');
    expect(resolveVaultPath(undefined, { XDG_CONFIG_HOME: dir }, 'linux')).toBe(
      path.join(dir, 'certdesk', 'vault.certdesk'),
    );
    expect(resolveVaultPath(undefined, { APPDATA: 'C:\\Users\\op\\AppData\\Roaming' }, 'win32')).toContain(
      'CertDesk',
    );
  });
});
