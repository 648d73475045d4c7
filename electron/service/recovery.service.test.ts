import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { reconstructRecoveryKey } from '../core/recovery/ceremony';
import { decodeShareText } from '../core/recovery/share-code';
import { backupPathFor, readVaultHeader } from '../core/vault';
import type { RecoveryShareSheet, ShareInput } from '../../shared/domain/types';
import { NO_DIALOGS } from './dialogs-port';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';

const NEXT = 'the passphrase chosen at recovery';
let fx: Fixture;
let confirmations: string[];
let console: string[];

beforeEach(async () => {
  confirmations = [];
  console = [];
  for (const level of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(globalThis.console, level).mockImplementation((...args: unknown[]) => {
      console.push(args.map(String).join(' '));
    });
  }
  fx = await makeFixture({
    extra: {
      dialogs: {
        ...NO_DIALOGS,
        confirm: (r) => {
          confirmations.push(r.message);
          return Promise.resolve(true);
        },
      },
    },
  });
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  await fx.call('ca:create', { subject: { cn: 'Recovery Test Root' } });
});
afterEach(async () => {
  await fx.cleanup();
  vi.restoreAllMocks();
});

const given = (sheets: readonly RecoveryShareSheet[], indices: readonly number[]): ShareInput[] =>
  indices.map((i) => ({ label: `share ${i}`, text: sheets[i - 1]!.text }));

async function auditOperations(): Promise<string[]> {
  const entries = await fx.call('audit:list', {});
  return entries.map((e) => `${e.operation}:${e.outcome}`);
}

describe('recovery shares through the service', () => {
  it('creates 0600 sheets after confirmation, drills, and recovers with a new passphrase; the old one stops working', async () => {
    const folder = fx.service.grantPath(fx.dir, 'write-folder');
    const created = await fx.call('recovery:create', { threshold: 2, shares: 3, folderGrant: folder });
    expect(confirmations).toEqual(['Create 3 recovery shares for this vault, any 2 of which open it?']);
    expect(created.files.map((f) => f.slice(fx.dir.length + 1)).sort()).toEqual([
      'share-1-of-3.html',
      'share-1-of-3.txt',
      'share-2-of-3.html',
      'share-2-of-3.txt',
      'share-3-of-3.html',
      'share-3-of-3.txt',
    ]);
    for (const f of created.files) expect(statSync(f).mode & 0o777).toBe(0o600);
    const html = readFileSync(join(fx.dir, 'share-2-of-3.html'), 'utf8');
    expect(html).toContain('data:image/svg+xml;base64,');
    expect(html).toContain(created.status.vaultId);
    expect(await fx.call('recovery:status', {})).toEqual(created.status);

    const drill = await fx.call('recovery:drill', {
      shares: [{ label: 'share-2-of-3.html', text: html }, ...given(created.sheets, [3])],
    });
    expect(drill.used).toEqual([2, 3]);

    await fx.call('vault:lock', {});
    expect((await fx.call('recovery:status', {}))?.fingerprints).toEqual(created.status.fingerprints);
    const one = await fx.fail('recovery:restore', {
      shares: given(created.sheets, [1]),
      newPassphrase: NEXT,
    });
    expect(one.code).toBe('SHARES_INSUFFICIENT');
    const files = [
      { label: 'share-1-of-3.txt', text: readFileSync(join(fx.dir, 'share-1-of-3.txt'), 'utf8') },
      { label: 'share-3-of-3.txt', text: readFileSync(join(fx.dir, 'share-3-of-3.txt'), 'utf8') },
    ];
    expect((await fx.call('recovery:restore', { shares: files, newPassphrase: NEXT })).state).toBe(
      'unlocked',
    );
    expect((await fx.call('ca:list', {}))[0]?.subject).toContain('Recovery Test Root');
    await fx.call('vault:lock', {});
    expect((await fx.fail('vault:unlock', { passphrase: PASSPHRASE })).code).toBe('WRONG_PASSPHRASE');
    await fx.call('vault:unlock', { passphrase: NEXT });
    expect(await auditOperations()).toEqual(
      expect.arrayContaining(['recovery.create:ok', 'recovery.drill:ok', 'recovery.restore:ok']),
    );
    const verified = await fx.call('audit:verify', {});
    expect(verified.message).toBeTruthy();
    expect(verified.ok).toBe(true);
  });

  it('keeps the shares valid across a passphrase change; rotation invalidates them and names the ceremony', async () => {
    const first = await fx.call('recovery:create', { threshold: 2, shares: 2 });
    expect(first.files).toEqual([]);
    await fx.call('vault:changePassphrase', { current: PASSPHRASE, next: NEXT });
    await fx.call('recovery:drill', { shares: given(first.sheets, [1, 2]) });
    const rotated = await fx.call('recovery:rotate', { shares: 3 });
    expect(rotated.status.vaultId).toBe(first.status.vaultId);
    expect(rotated.status.ceremonyId).not.toBe(first.status.ceremonyId);
    const stale = await fx.fail('recovery:drill', { shares: given(first.sheets, [1, 2]) });
    expect(stale.code).toBe('SHARE_INVALID');
    expect(stale.message).toMatch(/share 1 \(share 1 of 2\) is from another recovery ceremony/);
    await fx.call('vault:lock', {});
    const refused = await fx.fail('recovery:restore', {
      shares: given(first.sheets, [1, 2]),
      newPassphrase: 'another new passphrase',
    });
    expect(refused.code).toBe('SHARE_INVALID');
    await fx.call('vault:unlock', { passphrase: NEXT });
    expect(await auditOperations()).toEqual(
      expect.arrayContaining(['recovery.rotate:ok', 'recovery.drill:failed', 'recovery.restore:failed']),
    );
    await fx.call('recovery:remove', {});
    expect(await fx.call('recovery:status', {})).toBeNull();
    expect((await fx.call('audit:verify', {})).ok).toBe(true);
    expect((await fx.fail('recovery:drill', { shares: given(rotated.sheets, [1, 2]) })).code).toBe(
      'NO_RECOVERY',
    );
  });

  it('refuses a second create, and does nothing when the confirmation is declined', async () => {
    await fx.call('recovery:create', { threshold: 2, shares: 2 });
    expect((await fx.fail('recovery:create', { threshold: 2, shares: 2 })).code).toBe('RECOVERY_EXISTS');
    const declined = await makeFixture();
    try {
      await declined.call('vault:create', { passphrase: PASSPHRASE });
      const e = await declined.fail('recovery:create', { threshold: 2, shares: 3 });
      expect(e.code).toBe('CANCELLED');
      expect((await readVaultHeader(declined.vaultPath)).recovery).toBeNull();
    } finally {
      await declined.cleanup();
    }
  });

  it('leaves no share, share bytes or recovery key in the vault, its .bak, the audit log or the console', async () => {
    const created = await fx.call('recovery:create', { threshold: 2, shares: 3 });
    await fx.call('recovery:drill', { shares: given(created.sheets, [1, 2]) });
    const typo = created.sheets[0]!.groups.map((g, i) => (i === 4 ? `${g.slice(0, 4)}0` : g)).join(' ');
    await fx.fail('recovery:drill', { shares: [{ label: 'typo', text: typo }] });
    await fx.call('certs:list', {});
    await fx.call('vault:lock', {});
    await fx.call('recovery:restore', { shares: given(created.sheets, [2, 3]), newPassphrase: NEXT });
    await fx.call('vault:lock', {});
    const { recoveryKey } = await reconstructRecoveryKey(
      given(created.sheets, [1, 3]),
      (await readVaultHeader(fx.vaultPath)).recovery,
    );
    const needles: Buffer[] = [
      recoveryKey,
      Buffer.from(recoveryKey.toString('hex')),
      Buffer.from(recoveryKey.toString('base64')),
    ];
    for (const sheet of created.sheets) {
      const secret = decodeShareText(sheet.text).secret;
      needles.push(secret.subarray(0, 16), secret.subarray(16, 32), Buffer.from(secret.toString('hex')));
      // groups 9.. carry the Shamir share; pairs of groups are long enough never to match by chance
      for (let g = 8; g + 1 < sheet.groups.length; g++) {
        needles.push(Buffer.from(`${sheet.groups[g]} ${sheet.groups[g + 1]}`));
        needles.push(Buffer.from(`${sheet.groups[g]}${sheet.groups[g + 1]}`));
      }
    }
    // everything beside the vault, the rollback witness's state folder included
    const stored = readdirSync(fx.dir, { recursive: true, encoding: 'utf8' })
      .map((f) => join(fx.dir, f))
      .filter((f) => statSync(f).isFile());
    expect(stored).toContain(`${fx.vaultPath}.audit.jsonl`);
    if (existsSync(backupPathFor(fx.vaultPath))) expect(stored).toContain(backupPathFor(fx.vaultPath));
    for (const file of stored) {
      const bytes = readFileSync(file);
      for (const n of needles) if (bytes.includes(n)) throw new Error(`${file} holds share material`);
    }
    const printed = Buffer.from(console.join('\n'));
    for (const n of needles) expect(printed.includes(n)).toBe(false);
  });
});
