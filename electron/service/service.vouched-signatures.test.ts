import { createHash } from 'node:crypto';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openVault, type VaultRecord } from '../core/vault';
import { certId, Inventory } from './inventory';
import { record, RECORD, storedBytes, type CertRecord } from './records';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';
import { summariesWithVerdicts } from './verdicts';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

const NOW = new Date('2026-03-01T12:00:00Z');
const sha256 = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

/** A vault with a root, an intermediate and a server leaf under it, locked again. */
async function lockedVault(): Promise<{ fx: Fixture; rootId: string; interId: string; leafId: string }> {
  const fx = await makeFixture({ now: () => NOW });
  fixtures.push(fx);
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  const root = await fx.call('ca:create', { subject: { cn: 'vouch-root' } });
  const inter = await fx.call('ca:create', { subject: { cn: 'vouch-inter' }, parentId: root.summary.id });
  const leaf = await fx.call('certs:issue', {
    caId: inter.summary.id,
    profile: 'server',
    subject: { cn: 'api.example' },
    sans: [{ type: 'dns', value: 'api.example' }],
  });
  await fx.call('vault:lock', {});
  return { fx, rootId: root.summary.id, interId: inter.summary.id, leafId: leaf.summary.id };
}

/** The certificates as stored, whether as cert.v1 records or in a compaction's tables (format 6). */
async function certRecords(vaultPath: string): Promise<Map<string, CertRecord>> {
  const { vault, records } = await openVault(vaultPath, PASSPHRASE, { readOnly: true });
  await vault.lock();
  const out = new Map<string, CertRecord>();
  for (const [id, { summary, der, keyRef, keyAlg, signedBy }] of Inventory.replay(records).entries)
    out.set(id, { summary, der, keyRef, keyAlg, ...(signedBy ? { signedBy } : {}) });
  return out;
}

/** A copy of a stored certificate whose signature no longer verifies, under its own id. */
function forged(original: CertRecord, flip: number, signedBy?: string): CertRecord {
  const der = Uint8Array.from(storedBytes(original.der));
  der[der.length - flip]! ^= 0x01;
  const hex = sha256(der);
  return {
    summary: { ...original.summary, id: certId(hex), sha256: hex, cn: `forged-${flip}` },
    der,
    keyRef: null,
    keyAlg: null,
    ...(signedBy ? { signedBy } : {}),
  };
}

describe('signatures the vault vouches for', () => {
  it('records, for every certificate it stores, the certificate whose key verified its signature', async () => {
    const { fx, rootId, interId, leafId } = await lockedVault();
    const stored = await certRecords(fx.vaultPath);
    const derOf = (id: string): Uint8Array => storedBytes(stored.get(id)!.der);
    expect(stored.get(rootId)!.signedBy).toBe(sha256(derOf(rootId)));
    expect(stored.get(interId)!.signedBy).toBe(sha256(derOf(rootId)));
    expect(stored.get(leafId)!.signedBy).toBe(sha256(derOf(interId)));

    // the renderer never sees it
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    const listed = await fx.call('certs:list', {});
    expect(listed).toHaveLength(3);
    for (const s of listed) expect(s).not.toHaveProperty('signedBy');
  });

  it('vouches for batch-issued and imported certificates as well', async () => {
    const fx = await makeFixture({ now: () => NOW });
    fixtures.push(fx);
    await fx.call('vault:create', { passphrase: PASSPHRASE });
    const ca = await fx.call('ca:create', { subject: { cn: 'batch-root' } });
    const manifest = [
      'name,profile,sans,key,days',
      'b1,server,DNS:b1.example,ec-p256,30',
      'b2,client,,ec-p256,30',
    ];
    const batch = await fx.call('batch:issue', {
      caId: ca.summary.id,
      manifest: manifest.join('\n'),
      batchId: 'v',
    });
    expect(batch.issued).toBe(2);
    const easyRsa = path.join(__dirname, '../core/import/fixtures/easyrsa/ec-nopass');
    const grant = fx.service.grantPath(easyRsa, 'read-folder');
    expect((await fx.call('import:run', { source: 'easy-rsa', sourceGrant: grant })).written).toBe(true);
    await fx.call('vault:lock', {});

    const stored = [...(await certRecords(fx.vaultPath)).values()];
    expect(stored.length).toBeGreaterThan(4);
    const bySubject = new Map(stored.map((c) => [c.summary.subject, sha256(storedBytes(c.der))]));
    expect(stored.filter((c) => c.signedBy === undefined)).toEqual([]);
    for (const c of stored)
      expect([c.summary.cn, c.signedBy]).toEqual([c.summary.cn, bySubject.get(c.summary.issuer)]);
  });

  it('believes a vouch only for the issuer it names: a vouch for another certificate is ignored', async () => {
    const { fx, interId, leafId } = await lockedVault();
    const stored = await certRecords(fx.vaultPath);
    const interFingerprint = sha256(storedBytes(stored.get(interId)!.der));
    const leaf = stored.get(leafId)!;
    const rootFingerprint = leaf.signedBy === interFingerprint ? stored.get(interId)!.signedBy! : '';
    const forgedRecords = [
      forged(leaf, 1, interFingerprint),
      forged(leaf, 2, rootFingerprint),
      forged(leaf, 3),
    ];
    const { vault } = await openVault(fx.vaultPath, PASSPHRASE);
    await vault.append(forgedRecords.map((c) => record(RECORD.cert, c)));
    await vault.lock();

    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    const listed = new Map((await fx.call('certs:list', {})).map((s) => [s.cn, s]));
    // whoever holds the vault key could have written it: the vault's word stands for the signature
    expect(listed.get('forged-1')!.invalidReason).toBeUndefined();
    expect(listed.get('forged-2')!.invalidReason).toMatch(/not found among the known CAs/);
    expect(listed.get('forged-3')!.invalidReason).toMatch(/not found among the known CAs/);
    expect(listed.get('api.example')!.invalidReason).toBeUndefined();
  });

  it('a compaction vouches for the signatures verified since unlock, and for no failed one', async () => {
    const { fx, rootId, interId, leafId } = await lockedVault();
    const stored = await certRecords(fx.vaultPath);
    // the vault as an older CertDesk wrote it: no vouches, plus a certificate whose signature fails
    const older: VaultRecord[] = [...stored.values()].map(({ signedBy: _dropped, ...c }) =>
      record(RECORD.cert, c),
    );
    const bad = forged(stored.get(leafId)!, 1);
    older.push(record(RECORD.cert, bad));
    const { vault, records } = await openVault(fx.vaultPath, PASSPHRASE);
    await vault.compact([...records.filter((r) => r.type !== RECORD.cert), ...older]);
    await vault.lock();
    for (const c of (await certRecords(fx.vaultPath)).values()) expect(c.signedBy).toBeUndefined();

    const opened = await openVault(fx.vaultPath, PASSPHRASE);
    const inventory = Inventory.replay(opened.records);
    const unlisted = [...Inventory.replay(inventory.snapshot()).entries.values()];
    expect(unlisted.length).toBeGreaterThan(3);
    expect(unlisted.every((e) => e.signedBy === undefined)).toBe(true);
    summariesWithVerdicts(inventory, inventory.entries.values(), NOW);
    await opened.vault.compact(inventory.snapshot());
    await opened.vault.lock();

    const after = await certRecords(fx.vaultPath);
    const derOf = (id: string): Uint8Array => storedBytes(after.get(id)!.der);
    expect(after.get(rootId)!.signedBy).toBe(sha256(derOf(rootId)));
    expect(after.get(interId)!.signedBy).toBe(sha256(derOf(rootId)));
    expect(after.get(leafId)!.signedBy).toBe(sha256(derOf(interId)));
    expect(after.get(bad.summary.id)!.signedBy).toBeUndefined();
  });
});
