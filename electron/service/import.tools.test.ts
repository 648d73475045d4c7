/**
 * The importers against the tools as they are installed now, not only against the committed fixtures: the
 * fixture scripts build a fresh easy-rsa PKI and XCA database, and everything in them comes across.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSqlJs } from '../core/import/sqljs';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';

const SCRIPTS = path.join(__dirname, '../core/import/fixtures');
const EASYRSA = '/usr/share/easy-rsa/easyrsa';
const hasXca = ((): boolean => {
  try {
    execFileSync('sh', ['-c', 'command -v xca'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const work = mkdtempSync(path.join(tmpdir(), 'certdesk-tools-'));
const fixtures: Fixture[] = [];
afterAll(async () => {
  for (const f of fixtures) await f.cleanup().catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

async function vault(): Promise<Fixture> {
  const fx = await makeFixture();
  fixtures.push(fx);
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  return fx;
}

describe('fresh fixtures from the installed tools', () => {
  it.skipIf(!existsSync(EASYRSA))(
    'a PKI easy-rsa builds now comes across whole (skipped only when easy-rsa is absent)',
    async () => {
      const out = path.join(work, 'easyrsa');
      execFileSync('bash', [path.join(SCRIPTS, 'make-easyrsa.sh'), out], { stdio: 'pipe' });
      const passphrase = readFileSync(path.join(out, 'passphrase.txt'), 'utf8').trim();
      const fx = await vault();
      for (const [pki, password] of [
        ['rsa-pass', passphrase],
        ['ec-nopass', undefined],
      ] as const) {
        const index = readFileSync(path.join(out, pki, 'index.txt'), 'utf8')
          .trim()
          .split('\n');
        const input = {
          source: 'easy-rsa' as const,
          sourceGrant: fx.service.grantPath(path.join(out, pki), 'read-folder'),
          ...(password ? { password } : {}),
        };
        const result = await fx.call('import:run', input);
        expect(result.problems).toEqual([]);
        expect(result.counts).toMatchObject({
          cas: 1,
          leaves: index.length,
          keys: index.length + 1,
          revoked: index.filter((l) => l.startsWith('R')).length,
        });
      }
      expect(await fx.call('certs:list', {})).toHaveLength(10);
      expect((await fx.call('audit:verify', {})).ok).toBe(true);
    },
  );

  it.skipIf(!hasXca)(
    'a database XCA builds now comes across whole (skipped only when xca is absent)',
    async () => {
      const out = path.join(work, 'xca');
      execFileSync('bash', [path.join(SCRIPTS, 'make-xca.sh'), out], { stdio: 'pipe' });
      const password = readFileSync(path.join(out, 'password.txt'), 'utf8').trim();
      const bytes = readFileSync(path.join(out, 'pki.xdb'));
      const SQL = await loadSqlJs();
      const db = new SQL.Database(bytes);
      const count = (sql: string): number => Number(db.exec(sql)[0]?.values[0]?.[0] ?? -1);
      const certs = count('SELECT COUNT(*) FROM certs');
      const cas = count('SELECT COUNT(*) FROM certs WHERE ca = 1');
      const revoked = count('SELECT COUNT(*) FROM revocations');
      db.close();
      const fx = await vault();
      const result = await fx.call('import:run', {
        source: 'xca',
        sourceGrant: fx.service.grantPath(path.join(out, 'pki.xdb'), 'read-file'),
        password,
      });
      expect(result.counts).toMatchObject({ cas, leaves: certs - cas, revoked, crlNumbers: 2 });
      expect(await fx.call('certs:list', {})).toHaveLength(certs);
      expect((await fx.call('audit:verify', {})).ok).toBe(true);

      // the DSA CA XCA holds without its key, and everything under it, come across tracked: no authority
      const keyless = await vault();
      const tracked = await keyless.call('import:run', {
        source: 'xca',
        sourceGrant: keyless.service.grantPath(path.join(out, 'keyless-dsa-ca.xdb'), 'read-file'),
        password,
      });
      expect(tracked.items.map((i) => i.tracked ?? false)).toEqual([true, true, true, true]);
      expect(await keyless.call('ca:list', {})).toEqual([]);
    },
  );
});
