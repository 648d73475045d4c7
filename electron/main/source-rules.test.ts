import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const ELECTRON_DIR = path.resolve(__dirname, '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [full] : [];
  });
}

const glue = [...sources(path.join(ELECTRON_DIR, 'main')), ...sources(path.join(ELECTRON_DIR, 'preload'))];
const rel = (file: string): string => path.relative(ELECTRON_DIR, file).split(path.sep).join('/');

describe('Electron glue source rules', () => {
  it('imports Electron values only in the composition root, window creation and the preload', () => {
    const valueImporters = glue
      .filter((file) => /^import\s+(?!type\b)[^;]*from\s+'electron'/m.test(readFileSync(file, 'utf8')))
      .map(rel)
      .sort();
    expect(valueImporters).toEqual(['main/index.ts', 'main/window.ts', 'preload/index.ts']);
  });

  it('never calls shell.openExternal, loads file:// pages or turns Node integration on', () => {
    for (const file of glue) {
      const source = readFileSync(file, 'utf8');
      expect(source, rel(file)).not.toMatch(/openExternal\s*\(/);
      expect(source, rel(file)).not.toMatch(/\bloadFile\s*\(/);
      expect(source, rel(file)).not.toMatch(
        /nodeIntegration\w*\s*:\s*true|contextIsolation\s*:\s*false|sandbox\s*:\s*false/,
      );
      expect(source, rel(file)).not.toMatch(/exposeInMainWorld\([^)]*ipcRenderer\s*\)/);
    }
  });

  it('keeps Electron out of core and service, which the CLI and the harness run under plain Node', () => {
    const engine = [
      ...sources(path.join(ELECTRON_DIR, 'core')),
      ...sources(path.join(ELECTRON_DIR, 'service')),
    ];
    for (const file of engine) {
      expect(readFileSync(file, 'utf8'), rel(file)).not.toMatch(
        /from\s+'electron'|require\(\s*'electron'\s*\)/,
      );
    }
  });
});
