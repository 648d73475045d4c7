import { describe, expect, it } from 'vitest';
import type { CertSummary } from '../../shared/domain/types';
import type { JsonValue, VaultRecord } from '../core/vault';
import { Inventory } from './inventory';
import { record, RECORD } from './records';

function summary(over: Partial<CertSummary> & Pick<CertSummary, 'id' | 'cn'>): CertSummary {
  return {
    kind: 'leaf',
    profile: 'server',
    subject: `CN=${over.cn}`,
    issuer: 'CN=root',
    issuerId: null,
    serial: '01',
    sans: [],
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2027-01-01T00:00:00Z',
    sha256: over.id.padEnd(64, '0'),
    keyAlgorithm: 'EC P-256',
    hasKey: false,
    createdAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}
const cert = (s: CertSummary, signedBy?: string) =>
  record(RECORD.cert, {
    summary: s,
    der: 'AA==',
    keyRef: null,
    keyAlg: null,
    ...(signedBy ? { signedBy } : {}),
  });

describe('inventory replay', () => {
  it('reads certificate bytes stored as bytes (format 4) or as base64 (older vaults), and names a record holding neither', () => {
    const inv = Inventory.replay([
      cert(summary({ id: 'b1', cn: 'old' })),
      record(RECORD.cert, {
        summary: summary({ id: 'b2', cn: 'new' }),
        der: new Uint8Array([0]),
        keyRef: null,
        keyAlg: null,
      }),
    ]);
    expect([...inv.get('b1').der]).toEqual([0]);
    expect([...inv.get('b2').der]).toEqual([0]);
    const damaged: VaultRecord = {
      type: RECORD.cert,
      data: {
        summary: { ...summary({ id: 'b3', cn: 'x' }) } as unknown as JsonValue,
        der: 42,
        keyRef: null,
        keyAlg: null,
      },
    };
    expect(() => Inventory.replay([damaged])).toThrow(
      /certificate record b3 holds neither bytes nor base64 text/,
    );
  });

  it('applies revocations, lineage and the latest settings in log order', () => {
    const inv = Inventory.replay([
      cert(summary({ id: 'a1', cn: 'svc' })),
      cert(summary({ id: 'a2', cn: 'svc', serial: '02', replaces: 'a1' })),
      record(RECORD.revoke, { id: 'a1', at: '2026-02-01T00:00:00.000Z', reason: 'superseded' }),
      record(RECORD.settings, { ...new Inventory().settings, crlNextUpdateDays: 3 }),
      record(RECORD.settings, { ...new Inventory().settings, crlNextUpdateDays: 5 }),
      { type: 'from-a-newer-version.v9', data: { x: 1 } },
    ]);
    expect(inv.get('a1').summary.replacedBy).toBe('a2');
    expect(inv.get('a1').summary.revoked).toEqual({ at: '2026-02-01T00:00:00.000Z', reason: 'superseded' });
    expect(inv.settings.crlNextUpdateDays).toBe(5);
  });

  it('links certificates stored before their issuer to the CA the vault vouches signed them, and keeps serials unique per issuer name', () => {
    // ids as the vault makes them: the first 16 hex digits of the fingerprint
    const [B1, B2, B3] = ['b1', 'b2', 'b3'].map((n) => n.padEnd(16, '0')) as [string, string, string];
    const root = summary({ id: B2, cn: 'root', kind: 'ca', profile: 'root', issuer: 'CN=root' });
    const inv = Inventory.replay([
      cert(
        summary({
          id: B1,
          cn: 'inter',
          kind: 'ca',
          profile: 'intermediate',
          issuer: 'CN=root',
          serial: '0a',
        }),
        root.sha256,
      ),
      // no CA verified it when it was stored, and its bytes cannot be read: no parent, whatever its issuer reads
      cert(summary({ id: B3, cn: 'unread', issuer: 'CN=root', serial: '0c' })),
      cert(root, root.sha256),
    ]);
    expect(inv.get(B1).summary.issuerId).toBe(B2);
    expect(inv.get(B2).summary.issuerId).toBeNull();
    expect(inv.get(B3).summary.issuerId).toBeNull();
    const taken = inv.serialTaken(B2);
    expect(taken('0A')).toBe(true);
    expect(taken('000a')).toBe(true);
    expect(taken('0b')).toBe(false);
  });

  it('corrects a parent link an older version made by name to the CA the vault vouches signed the certificate', () => {
    // two authorities whose names display alike; the older version linked the leaf to the first by its name
    const [A1, A2, L] = ['a1', 'a2', 'l1'].map((n) => n.padEnd(16, '0')) as [string, string, string];
    const ca = (id: string): CertSummary =>
      summary({ id, cn: 'Corp CA', kind: 'ca', profile: 'root', issuer: 'CN=Corp CA' });
    const [first, second] = [ca(A1), ca(A2)];
    const leaf = summary({ id: L, cn: 'svc', issuer: 'CN=Corp CA', issuerId: A1 });
    const inv = Inventory.replay([
      cert(first, first.sha256),
      cert(second, second.sha256),
      cert(leaf, second.sha256),
    ]);
    expect(inv.get(L).summary.issuerId).toBe(A2);
    // a root the older version linked to its look-alike, vouched as signed by its own key, has no parent
    const relinked = Inventory.replay([
      cert(first, first.sha256),
      cert({ ...second, issuerId: A1 }, second.sha256),
    ]);
    expect(relinked.get(A2).summary.issuerId).toBeNull();
    // a link that agrees with the vouch, or that no vouch speaks to, stays
    const kept = Inventory.replay([
      cert(first, first.sha256),
      cert(summary({ id: L, cn: 'svc', issuerId: A1 })),
    ]);
    expect(kept.get(L).summary.issuerId).toBe(A1);
  });

  it('snapshots the live state so a compacted log replays to the same inventory', () => {
    const inv = Inventory.replay([
      cert(summary({ id: 'c1', cn: 'svc' })),
      record(RECORD.revoke, { id: 'c1', at: '2026-02-01T00:00:00.000Z', reason: 'keyCompromise' }),
      record(RECORD.crl, { caId: 'r', number: 1, thisUpdate: 'x', nextUpdate: 'y', der: 'AA==' }),
      record(RECORD.crl, { caId: 'r', number: 2, thisUpdate: 'x', nextUpdate: 'y', der: 'AA==' }),
    ]);
    const again = Inventory.replay(inv.snapshot());
    expect([...again.entries.values()].map((e) => e.summary)).toEqual(
      [...inv.entries.values()].map((e) => e.summary),
    );
    expect(again.crls.get('r')?.number).toBe(2);
    expect(inv.snapshot().filter((r) => r.type === RECORD.crl)).toHaveLength(1);
  });
});
