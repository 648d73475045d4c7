/**
 * Roll-ups kept from an earlier session (verdict-cache.ts) are used only under the rules revision they were
 * made by. This pins VERDICT_RULES_VERSION to the sources a roll-up comes from: the path validator with every
 * module it runs (imports followed, type-only ones left out), the roll-up (verdicts.ts) and the cache itself.
 * When one of them changes, this fails until the revision is raised, so a session after the change judges
 * every certificate again instead of reusing what the earlier rules decided.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { VERDICT_RULES_VERSION } from './verdicts';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Each revision and the digest of the sources it names. To change those sources: raise VERDICT_RULES_VERSION
 * and add its line here with the digest this test prints; an earlier line is never edited.
 */
const REVISIONS: Record<number, string> = {
  1: '54fe8bb56f12065dec4c032a90dabf5e340ca9d8ec563409aea52af17577ae0a',
};

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

  it('names the digest of the sources it was raised for', () => {
    const digest = createHash('sha256');
    for (const f of sourcesOfTheRules()) {
      // the revision's own number is not a source of the rules (raising it must not move the digest)
      const text = readFileSync(path.join(ROOT, f), 'utf8').replace(/VERDICT_RULES_VERSION = \d+;/, '');
      digest.update(`${f}\n`).update(text);
    }
    const now = digest.digest('hex');
    const pinned = REVISIONS[VERDICT_RULES_VERSION];
    expect(
      pinned,
      `the verdict rules' sources changed (digest ${now}): raise VERDICT_RULES_VERSION in verdicts.ts and add ` +
        `{ ${VERDICT_RULES_VERSION + 1}: '${now}' } to REVISIONS in verdict-rules.test.ts`,
    ).toBe(now);
  });

  it('never pins one digest to two revisions', () => {
    const digests = Object.values(REVISIONS);
    expect(new Set(digests).size).toBe(digests.length);
  });
});
