/**
 * The verdicts of the last session, kept beside the vault (verdict-cache.ts): an unlock takes them instead of
 * judging every chain again, but only while everything each was judged on still holds, and never from a file
 * it cannot open.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { CertSummary } from '../../shared/domain/types';
import { ctxAt, makeLeaf, makeRoot } from '../core/pki/testing/fixtures';
import { openVault } from '../core/vault';
import { verdictCachePathFor } from '../core/vault/paths';
import { Inventory } from './inventory';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';
import { adoptVerdictCache, encodeVerdictCache, loadVerdictCache } from './verdict-cache';
import { summariesWithVerdicts, VERDICT_RULES } from './verdicts';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

const NOW = new Date('2026-03-01T12:00:00Z');
const DAY = 86_400_000;

async function vaultWithChains(clock: { now: Date }) {
  const fx = await makeFixture({ now: () => clock.now });
  fixtures.push(fx);
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  const root = await fx.call('ca:create', { subject: { cn: 'cache-root' } });
  const inter = await fx.call('ca:create', { subject: { cn: 'cache-inter' }, parentId: root.summary.id });
  const issue = (cn: string, profile: 'server' | 'client', days: number) =>
    fx.call('certs:issue', {
      caId: inter.summary.id,
      profile,
      subject: { cn },
      sans: profile === 'server' ? [{ type: 'dns', value: cn }] : [],
      validity: { days },
    });
  const api = (await issue('api.cache.example', 'server', 30)).summary;
  const client = (await issue('client-cache', 'client', 400)).summary;
  return { fx, rootId: root.summary.id, interId: inter.summary.id, api, client };
}

/** Each certificate's verdict as the list shows it, by id. */
async function verdicts(
  fx: Fixture,
): Promise<Map<string, Pick<CertSummary, 'invalidReason' | 'trackedChain'>>> {
  const list = await fx.call('certs:list', {});
  return new Map(list.map((c) => [c.id, { invalidReason: c.invalidReason, trackedChain: c.trackedChain }]));
}

/** The roll-ups a fresh inventory of the vault takes from its cache file, and the inventory. */
async function adoptedFromFile(
  fx: Fixture,
  passphrase = PASSPHRASE,
): Promise<{ adopted: number; inventory: Inventory }> {
  const { vault, records } = await openVault(fx.vaultPath, passphrase, { readOnly: true });
  try {
    const inventory = Inventory.replay(records);
    return { adopted: await loadVerdictCache(fx.vaultPath, vault, inventory), inventory };
  } finally {
    await vault.lock();
  }
}

describe('verdicts kept from the last session', () => {
  it('are taken at the next unlock for every certificate, and agree with judging them again', async () => {
    const clock = { now: NOW };
    const { fx } = await vaultWithChains(clock);
    const judged = await verdicts(fx);
    await fx.call('vault:lock', {});
    const file = verdictCachePathFor(fx.vaultPath);
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);

    const { adopted, inventory } = await adoptedFromFile(fx);
    expect(adopted).toBe(inventory.entries.size);
    expect(adopted).toBe(4);
    // what the file gives is what the validator decides on an inventory that never saw the file
    const { vault, records } = await openVault(fx.vaultPath, PASSPHRASE, { readOnly: true });
    await vault.lock();
    const fresh = Inventory.replay(records);
    const strip = (s: CertSummary) => ({ invalidReason: s.invalidReason, trackedChain: s.trackedChain });
    expect(summariesWithVerdicts(inventory, inventory.entries.values(), NOW).map(strip)).toEqual(
      summariesWithVerdicts(fresh, fresh.entries.values(), NOW).map(strip),
    );

    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    expect(await verdicts(fx)).toEqual(judged);
  });

  it('gives each certificate its own row, in whatever order the inventory comes back and with one gone', async () => {
    const clock = { now: NOW };
    const { fx, interId } = await vaultWithChains(clock);
    const ids: string[] = [];
    for (let i = 0; i < 8; i++) {
      const days = i % 2 === 0 ? 1 : 300 + i;
      const c = await fx.call('certs:issue', {
        caId: interId,
        profile: 'client',
        subject: { cn: `mixed-${i}` },
        sans: [],
        validity: { days },
      });
      ids.push(c.summary.id);
    }
    await fx.call('certs:revoke', { id: ids[3]!, reason: 'superseded' });
    await fx.call('certs:revoke', { id: ids[4]!, reason: 'keyCompromise' });
    // the 1-day certificates expired, the others are valid, two are revoked: rows that must not be swapped
    clock.now = new Date(NOW.getTime() + 2 * DAY);
    await verdicts(fx);
    await fx.call('vault:lock', {});

    const { vault, records } = await openVault(fx.vaultPath, PASSPHRASE, { readOnly: true });
    try {
      const shuffled = Inventory.replay(records);
      const entries = [...shuffled.entries.values()];
      shuffled.entries.clear();
      // the CAs as they were (their order is an input of every verdict), then the leaves backwards without
      // the first one (its row stays in the file)
      const cas = entries.filter((e) => e.summary.kind === 'ca');
      const leaves = entries.filter((e) => e.summary.kind === 'leaf');
      for (const e of [...cas, ...leaves.slice(1).reverse()]) shuffled.entries.set(e.summary.id, e);
      expect(await loadVerdictCache(fx.vaultPath, vault, shuffled)).toBe(entries.length - 1);
      const fresh = Inventory.replay(records);
      const strip = (c: CertSummary) => [c.id, c.invalidReason ?? 'valid'] as const;
      const judgedFresh = new Map(summariesWithVerdicts(fresh, fresh.entries.values(), clock.now).map(strip));
      const fromRows = summariesWithVerdicts(shuffled, shuffled.entries.values(), clock.now).map(strip);
      for (const [id, verdict] of fromRows) expect(verdict).toBe(judgedFresh.get(id));
      expect(new Set(fromRows.map(([, v]) => v.replace(/ on .*/, ''))).size).toBeGreaterThanOrEqual(3);
    } finally {
      await vault.lock();
    }
  });

  it('keeps no certificate name or fingerprint readable in the file', async () => {
    const { fx, api } = await vaultWithChains({ now: NOW });
    await verdicts(fx);
    await fx.call('vault:lock', {});
    const bytes = readFileSync(verdictCachePathFor(fx.vaultPath));
    expect(bytes.includes(Buffer.from('api.cache.example'))).toBe(false);
    expect(bytes.includes(Buffer.from('cache-inter'))).toBe(false);
    expect(bytes.includes(Buffer.from(api.sha256.slice(0, 32), 'hex'))).toBe(false);
    expect(bytes.includes(Buffer.from(api.sha256.slice(0, 32)))).toBe(false);
  });

  it('shows a certificate expired when the clock passed its notAfter since the file was written', async () => {
    const clock = { now: NOW };
    const { fx, api } = await vaultWithChains(clock);
    expect((await verdicts(fx)).get(api.id)?.invalidReason).toBeUndefined();
    await fx.call('vault:lock', {});
    clock.now = new Date(Date.parse(api.notAfter) + 1);
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    expect((await verdicts(fx)).get(api.id)?.invalidReason).toMatch(/^expired on/);
  });

  it('shows revocations made after an older file was written, when that file is put back', async () => {
    const clock = { now: NOW };
    const { fx, interId, api, client } = await vaultWithChains(clock);
    await verdicts(fx);
    await fx.call('vault:lock', {});
    const file = verdictCachePathFor(fx.vaultPath);
    const older = `${file}.older`;
    copyFileSync(file, older);

    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    await fx.call('certs:revoke', { id: api.id, reason: 'keyCompromise' });
    clock.now = new Date(NOW.getTime() + DAY);
    await verdicts(fx);
    await fx.call('vault:lock', {});
    copyFileSync(older, file);
    // the leaf's own revocation is a record the CA digest does not cover: the row is taken and then refused
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    expect((await verdicts(fx)).get(api.id)?.invalidReason).toMatch(/^revoked on .* \(keyCompromise\)$/);

    await fx.call('certs:revoke', { id: interId, reason: 'cACompromise' });
    await fx.call('vault:lock', {});
    copyFileSync(older, file);
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    expect((await verdicts(fx)).get(client.id)?.invalidReason).toMatch(/^CA "CN=cache-inter": revoked on/);
  });

  it('shows a tracked certificate valid when the CA that issued it entered the vault after the file was written', async () => {
    const { fx } = await vaultWithChains({ now: NOW });
    const ctx = ctxAt(NOW);
    const foreignRoot = await makeRoot(ctx, { cn: 'Foreign Cache Root' });
    const foreignLeaf = await makeLeaf(ctx, foreignRoot, 'server', 'shop.cache.example', [
      { type: 'dns', value: 'shop.cache.example' },
    ]);
    const tracked = (await fx.call('certs:track', { certPem: foreignLeaf.cert.pem })).added[0]!;
    expect((await verdicts(fx)).get(tracked.id)?.trackedChain?.verdict).toBe('issuer-unknown');
    await fx.call('vault:lock', {});
    const file = verdictCachePathFor(fx.vaultPath);
    const older = readFileSync(file);
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    await fx.call('ca:importTrustAnchor', { certPem: foreignRoot.cert.pem });
    await fx.call('vault:lock', {});
    writeFileSync(file, older);
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    expect((await verdicts(fx)).get(tracked.id)?.trackedChain?.verdict).toBe('valid');
  });

  it('ignores a file that does not open: altered, cut short, or another vault’s', async () => {
    const clock = { now: NOW };
    const { fx } = await vaultWithChains(clock);
    const judged = await verdicts(fx);
    await fx.call('vault:lock', {});
    const file = verdictCachePathFor(fx.vaultPath);
    const good = readFileSync(file);

    const flipped = Buffer.from(good);
    flipped[flipped.length - 5]! ^= 0x01;
    writeFileSync(file, flipped);
    expect((await adoptedFromFile(fx)).adopted).toBe(0);
    writeFileSync(file, good.subarray(0, good.length - 40));
    expect((await adoptedFromFile(fx)).adopted).toBe(0);

    const other = await vaultWithChains(clock);
    await verdicts(other.fx);
    await other.fx.call('vault:lock', {});
    copyFileSync(verdictCachePathFor(other.fx.vaultPath), file);
    expect((await adoptedFromFile(fx)).adopted).toBe(0);

    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    expect(await verdicts(fx)).toEqual(judged);
    writeFileSync(file, good);
    expect((await adoptedFromFile(fx)).adopted).toBe(4);
  });

  it('takes no row made under other rules', async () => {
    const { fx } = await vaultWithChains({ now: NOW });
    await verdicts(fx);
    await fx.call('vault:lock', {});
    const { vault, records } = await openVault(fx.vaultPath, PASSPHRASE, { readOnly: true });
    await vault.lock();
    const judgedInventory = Inventory.replay(records);
    summariesWithVerdicts(judgedInventory, judgedInventory.entries.values(), NOW);
    const plain = encodeVerdictCache(judgedInventory)!;
    const otherRules = Buffer.from(
      plain
        .toString('latin1')
        .replace(`{"rules":"${VERDICT_RULES}",`, `{"rules":"${'0'.repeat(VERDICT_RULES.length)}",`),
      'latin1',
    );
    expect(otherRules.equals(plain)).toBe(false);
    expect(adoptVerdictCache(Inventory.replay(records), plain)).toBe(4);
    expect(adoptVerdictCache(Inventory.replay(records), otherRules)).toBe(0);
  });

  it('is rewritten at lock only when the session judged a certificate the file lacks', async () => {
    const { fx, interId } = await vaultWithChains({ now: NOW });
    await verdicts(fx);
    await fx.call('vault:lock', {});
    const file = verdictCachePathFor(fx.vaultPath);
    const written = readFileSync(file);
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    await verdicts(fx);
    await fx.call('vault:lock', {});
    expect(readFileSync(file).equals(written)).toBe(true);

    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    await fx.call('certs:issue', {
      caId: interId,
      profile: 'client',
      subject: { cn: 'later-client' },
      sans: [],
    });
    await verdicts(fx);
    await fx.call('vault:lock', {});
    expect(readFileSync(file).equals(written)).toBe(false);
    expect((await adoptedFromFile(fx)).adopted).toBe(5);
  });

  it('is sealed again under the new key when the passphrase changed during the session', async () => {
    const { fx } = await vaultWithChains({ now: NOW });
    await verdicts(fx);
    await fx.call('vault:lock', {});
    const file = verdictCachePathFor(fx.vaultPath);
    const before = readFileSync(file);
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    const next = 'a different passphrase for the verdicts';
    fx.answers.confirm = true;
    await fx.call('vault:changePassphrase', { current: PASSPHRASE, next });
    await fx.call('vault:lock', {});
    expect(readFileSync(file).equals(before)).toBe(false);
    const { adopted, inventory } = await adoptedFromFile(fx, next);
    expect(adopted).toBe(inventory.entries.size);
  });

  it('unlocks past a FIFO or a link put where the file belongs, and leaves no temporary file behind', async () => {
    const { fx } = await vaultWithChains({ now: NOW });
    const judged = await verdicts(fx);
    await fx.call('vault:lock', {});
    const file = verdictCachePathFor(fx.vaultPath);
    const good = readFileSync(file);
    rmSync(file);
    execFileSync('mkfifo', [file]);
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    expect(await verdicts(fx)).toEqual(judged);
    await fx.call('vault:lock', {});
    // the lock put a sealed file in the FIFO's place
    expect(statSync(file).isFile()).toBe(true);

    const elsewhere = path.join(fx.dir, 'elsewhere.bin');
    writeFileSync(elsewhere, good);
    rmSync(file);
    execFileSync('ln', ['-s', elsewhere, file]);
    expect((await adoptedFromFile(fx)).adopted).toBe(0);
    expect(readdirSync(fx.dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
  });

  it('leaves the file as it is after a read-only session', async () => {
    const { fx } = await vaultWithChains({ now: NOW });
    await fx.call('vault:lock', {});
    expect(existsSync(verdictCachePathFor(fx.vaultPath))).toBe(false);
    const reader = await fx.restart({ readOnly: true });
    fixtures.push(reader);
    await reader.call('vault:unlock', { passphrase: PASSPHRASE });
    await verdicts(reader);
    await reader.call('vault:lock', {});
    expect(existsSync(verdictCachePathFor(fx.vaultPath))).toBe(false);
  });
});
