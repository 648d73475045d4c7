/**
 * The layer rules hold by tooling: each import the architecture forbids is refused by the lint config the
 * project runs, and the imports it allows pass.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import tseslint from 'typescript-eslint';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(import.meta.dirname, '..');

async function zones(): Promise<Linter.Config[]> {
  const url = pathToFileURL(path.join(ROOT, 'eslint.config.js')).href;
  return ((await import(url)) as { importZones: Linter.Config[] }).importZones;
}

/** The no-restricted-imports messages for `specifier` imported from a file at `file` (repo-relative). */
async function refusals(file: string, specifier: string): Promise<string[]> {
  const eslint = new ESLint({
    cwd: ROOT,
    overrideConfigFile: true,
    overrideConfig: [
      { files: ['**/*.ts'], languageOptions: { parser: tseslint.parser } },
      ...(await zones()),
    ],
  });
  const [result] = await eslint.lintText(`import { x } from '${specifier}';\nexport { x };\n`, {
    filePath: path.join(ROOT, file),
  });
  return result!.messages.filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

describe('import zones', () => {
  it.each([
    ['electron/core/vault/probe.ts', '../../service/grants'],
    ['electron/core/pki/probe.ts', '../../service'],
    ['electron/core/probe.ts', '../main/dialogs'],
    ['electron/core/probe.ts', '../cli/client'],
    ['electron/core/probe.ts', 'electron'],
    ['electron/service/probe.ts', '../main/dialogs'],
    ['electron/service/probe.ts', '../cli/client'],
    ['electron/service/probe.ts', 'electron'],
    ['electron/cli/probe.ts', '../main/dialogs'],
    ['electron/cli/commands/probe.ts', '../../main'],
    ['electron/main/probe.ts', '../cli/client'],
    ['electron/preload/probe.ts', '../service/dispatch'],
    ['shared/ipc/probe.ts', '../../electron/service'],
    ['renderer/src/probe.ts', '../../electron/core/pki/keys'],
  ])('%s may not import %s', async (file, specifier) => {
    expect(await refusals(file, specifier)).toHaveLength(1);
  });

  it.each([
    ['electron/service/probe.ts', '../core/vault'],
    ['electron/cli/probe.ts', '../service'],
    ['electron/main/probe.ts', '../service/dispatch'],
    ['electron/core/vault/probe.ts', '../../../shared/ipc/error-codes'],
    ['electron/service/testing/probe.ts', '../service-fixture'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await refusals(file, specifier)).toEqual([]);
  });
});
