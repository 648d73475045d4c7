/**
 * Roll-ups kept from an earlier session (verdict-cache.ts) are used only under the rules they were made by.
 * VERDICT_RULES names those rules by a digest of the sources a roll-up comes from: the path validator with
 * every module it runs (imports followed, type-only ones left out), the roll-up (verdicts.ts) and the cache
 * itself, and the versions of the npm packages those import. When one of them changes, this fails until
 * VERDICT_RULES is set to the new digest, so a build with other rules judges every certificate again instead
 * of reusing what the earlier rules decided.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VERDICT_RULES } from './verdicts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The source files of the rules (repository paths, sorted) and the packages they import from npm, each with
 * the version package-lock.json installs (a CRL or certificate read through a library is part of a verdict).
 */
function sourcesOfTheRules(): { files: string[]; packages: string[] } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // every import and re-export that brings code, not types alone
    for (const m of text.matchAll(/^(?:import|export)(?! type)[^;]*?from '([^']+)';/gms)) {
      const spec = m[1]!;
      if (spec.startsWith('node:')) continue;
      if (!spec.startsWith('.')) {
        packages.add(
          spec
            .split('/')
            .slice(0, spec.startsWith('@') ? 2 : 1)
            .join('/'),
        );
        continue;
      }
      const base = path.resolve(path.dirname(file), spec);
      const found = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => existsSync(f));
      if (found) visit(found);
    }
  };
  visit(path.join(ROOT, 'electron/core/pki/path-validator.ts'));
  seen.add(path.join(ROOT, 'electron/service/verdicts.ts'));
  seen.add(path.join(ROOT, 'electron/service/verdict-cache.ts'));
  const lock = JSON.parse(readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as {
    packages: Record<string, { version?: string }>;
  };
  return {
    files: [...seen].map((f) => path.relative(ROOT, f).split(path.sep).join('/')).sort(),
    packages: [...packages]
      .sort()
      .map((name) => `${name}@${lock.packages[`node_modules/${name}`]?.version ?? 'not installed'}`),
  };
}

describe('the revision of the verdict rules', () => {
  it('follows the path validator into the modules it runs', () => {
    const { files, packages } = sourcesOfTheRules();
    for (const f of ['cert-raw.ts', 'parsed-cert.ts', 'name-constraints.ts', 'verify-sig.ts', 'crl.ts'])
      expect(files).toContain(`electron/core/pki/${f}`);
    // and into the libraries it reads CRLs and keys with, at their installed versions
    expect(packages.some((p) => /^@peculiar\/x509@\d+\.\d+\.\d+$/.test(p))).toBe(true);
  });

  it('is named by the digest of those sources', () => {
    const digest = createHash('sha256');
    const { files, packages } = sourcesOfTheRules();
    for (const f of files) {
      // the name itself is not a source of the rules (setting it must not move the digest)
      const text = readFileSync(path.join(ROOT, f), 'utf8').replace(/VERDICT_RULES = '[0-9a-z]+';/, '');
      digest.update(`${f}\n`).update(text);
    }
    digest.update(`packages ${packages.join(' ')}\n`);
    const now = digest.digest('hex').slice(0, 16);
    expect(
      VERDICT_RULES,
      `the verdict rules' sources changed: set VERDICT_RULES in electron/service/verdicts.ts to '${now}'`,
    ).toBe(now);
  });
});
