/**
 * "Generate passphrase" for an export: main makes the passphrase, shows it once in its own box, and the
 * renderer, the result and the audit trail never carry it.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededFixture, type Fixture, freshFolder } from './testing/service-fixture';

let fx: Fixture & { serverId: string };
beforeAll(async () => {
  fx = await seededFixture();
}, 60_000);
afterAll(() => fx.cleanup());

describe('export:bundle with generatePassphrase', () => {
  it('encrypts the key with a passphrase main shows once; the result and the audit trail never hold it', async () => {
    const out = freshFolder(fx, 'generated');
    fx.answers.confirm = true;
    const before = fx.confirmations.length;
    const r = await fx.dispatch('export:bundle', {
      ids: [fx.serverId],
      folderGrant: fx.grant(out),
      generatePassphrase: true,
    });
    expect(r.ok).toBe(true);
    const shown = fx.confirmations.slice(before);
    expect(shown).toHaveLength(1);
    const passphrase = /passphrase: ([A-Z2-9]{4}(?:-[A-Z2-9]{4}){4})$/.exec(shown[0]!)?.[1];
    expect(passphrase).toBeDefined();

    const folder = path.join(out, 'user-service');
    const keyFile = readdirSync(folder)
      .map((name) => path.join(folder, name))
      .find((file) => readFileSync(file, 'utf8').includes('BEGIN ENCRYPTED PRIVATE KEY'));
    expect(keyFile).toBeDefined();
    const opened = execFileSync(
      'openssl',
      ['pkey', '-in', keyFile!, '-passin', `pass:${passphrase}`, '-noout'],
      {
        stdio: 'pipe',
      },
    );
    expect(opened.toString()).toBe('');
    expect(() =>
      execFileSync('openssl', ['pkey', '-in', keyFile!, '-passin', 'pass:wrong passphrase', '-noout'], {
        stdio: 'pipe',
      }),
    ).toThrow();

    expect(JSON.stringify(r)).not.toContain(passphrase);
    const audit = await fx.call('audit:list', {});
    expect(JSON.stringify(audit)).not.toContain(passphrase);
  });

  it('writes nothing when the operator does not confirm having saved it', async () => {
    const out = freshFolder(fx, 'not-saved');
    fx.answers.confirm = false;
    const r = await fx.dispatch('export:bundle', {
      ids: [fx.serverId],
      folderGrant: fx.grant(out),
      generatePassphrase: true,
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'CANCELLED' } });
    expect(readdirSync(out)).toEqual([]);
  });

  it('refuses a renderer passphrase or unencrypted keys alongside it', async () => {
    for (const extra of [
      { keyPassphrase: 'export passphrase 1234' },
      { unencryptedKeys: true, confirmUnencrypted: true },
    ]) {
      const out = freshFolder(fx, `both-${Object.keys(extra)[0]}`);
      const r = await fx.dispatch('export:bundle', {
        ids: [fx.serverId],
        folderGrant: fx.grant(out),
        generatePassphrase: true,
        ...extra,
      });
      expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
      expect(readdirSync(out)).toEqual([]);
    }
  });
});
