import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// js-yaml and app-builder-lib come with electron-builder (a devDependency); loaded through require because
// neither ships types we depend on.
const require = createRequire(import.meta.url);
const ROOT = path.resolve(__dirname, '../..');
const yaml = require('js-yaml') as { load(text: string): unknown };
const config = yaml.load(readFileSync(path.join(ROOT, 'electron-builder.yml'), 'utf8')) as Record<
  string,
  unknown
>;

describe('electron-builder.yml', () => {
  it('is valid against the installed electron-builder schema (no misspelt or unknown option)', async () => {
    const { validateConfiguration } = require('app-builder-lib/out/util/config/config.js') as {
      validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
    };
    const { DebugLogger } = require('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };
    await expect(
      validateConfiguration(structuredClone(config), new DebugLogger(false)),
    ).resolves.toBeUndefined();
    // the validator itself rejects a misspelt fuse, so the check above has teeth
    const misspelt = { ...config, electronFuses: { runAsNod: false } };
    await expect(validateConfiguration(misspelt, new DebugLogger(false))).rejects.toThrow(/electronFuses/);
  });

  it('sets every Electron fuse explicitly to its hardened value', () => {
    expect(config.electronFuses).toEqual({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
      loadBrowserProcessSpecificV8Snapshot: false,
      grantFileProtocolExtraPrivileges: false,
    });
  });

  it('ships only dist/ and package.json, in an asar, without source maps or node_modules', () => {
    const files = config.files as string[];
    const included = files.filter((f) => !f.startsWith('!'));
    expect(included.sort()).toEqual(['dist/**/*', 'package.json']);
    expect(files).toContain('!dist/**/*.map');
    expect(files).toContain('!node_modules/**');
    expect(config.asar).toBe(true);
  });

  it('names the app, its output folder and the Linux, Windows and macOS targets', () => {
    expect(config).toMatchObject({
      appId: 'org.certdesk.app',
      productName: 'CertDesk',
      directories: { output: 'release' },
      linux: { target: ['AppImage', 'deb'] },
      win: { target: ['nsis'] },
      mac: { target: ['dmg'], hardenedRuntime: true },
    });
    const linux = config.linux as { category?: string; maintainer?: string };
    expect(linux.category).toBeTruthy();
    expect(linux.maintainer).toMatch(/<.+@.+>/);
  });

  it('grants the macOS hardened runtime JIT and nothing else', () => {
    const mac = config.mac as { entitlements: string; entitlementsInherit: string };
    const plist = readFileSync(path.join(ROOT, mac.entitlements), 'utf8');
    const keys = [...plist.matchAll(/<key>([^<]+)<\/key>/g)].map((m) => m[1]);
    expect(keys).toEqual(['com.apple.security.cs.allow-jit']);
    expect(existsSync(path.join(ROOT, mac.entitlementsInherit))).toBe(true);
  });

  it('points at a 512x512 RGBA PNG icon', () => {
    const icon = readFileSync(path.join(ROOT, config.icon as string));
    expect(icon.subarray(1, 4).toString('ascii')).toBe('PNG');
    expect(icon.subarray(12, 16).toString('ascii')).toBe('IHDR');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([512, 512]);
    expect(icon[25]).toBe(6);
  });
});
