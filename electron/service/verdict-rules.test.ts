/**
 * Roll-ups kept from an earlier session (verdict-cache.ts) are used only under the rules they were made by.
 * VERDICT_RULES names those rules by a digest of the sources a roll-up comes from: the path validator with
 * every module it runs (imports followed, type-only ones left out), the roll-up (verdicts.ts) and the cache
 * itself. When one of them changes, this fails until VERDICT_RULES is set to the new digest, so a build with
 * other rules judges every certificate again instead of reusing what the earlier rules decided.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VERDICT_RULES } from './verdicts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

function sourcesOfTheRules(): string[] {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, 'utf8');
    // every import and re-export that brings code, not types alone
    for (const m of text.matchAll(/^(?:import|export)(?! type)[^;]*?from '(\.{1,2}\/[^']+)';/gms)) {
      const base = path.resolve(path.dirname(file), m[1]!);
      const found = [`${base}.ts`, path.join(base, 'index.ts')].find((f) => existsSync(f));
      if (found) visit(found);
    }
  };
  visit(path.join(ROOT, 'electron/core/pki/path-validator.ts'));
  seen.add(path.join(ROOT, 'electron/service/verdicts.ts'));
  seen.add(path.join(ROOT, 'electron/service/verdict-cache.ts'));
  return [...seen].map((f) => path.relative(ROOT, f).split(path.sep).join('/')).sort();
}

describe('the revision of the verdict rules', () => {
  it('follows the path validator into the modules it runs', () => {
    const sources = sourcesOfTheRules();
    for (const f of ['cert-raw.ts', 'parsed-cert.ts', 'name-constraints.ts', 'verify-sig.ts', 'crl.ts'])
      expect(sources).toContain(`electron/core/pki/${f}`);
  });

  it('is named by the digest of those sources', () => {
    const digest = createHash('sha256');
    for (const f of sourcesOfTheRules()) {
      // the name itself is not a source of the rules (setting it must not move the digest)
      const text = readFileSync(path.join(ROOT, f), 'utf8').replace(/VERDICT_RULES = '[0-9a-z]+';/, '');
      digest.update(`${f}\n`).update(text);
    }
    const now = digest.digest('hex').slice(0, 16);
    expect(
      VERDICT_RULES,
      `the verdict rules' sources changed: set VERDICT_RULES in electron/service/verdicts.ts to '${now}'`,
    ).toBe(now);
  });
});
