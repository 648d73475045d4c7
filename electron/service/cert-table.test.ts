import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CertSummary } from '../../shared/domain/types';
import { createVault, openVault, type VaultRecord } from '../core/vault';
import { MAX_FRAME_PLAINTEXT } from '../core/vault/frames';
import { PASS, TEST_KDF, tempDir } from '../core/vault/test-support/helpers';
import { certRecords, CERTS_PER_TABLE, entriesOfTable } from './cert-table';
import { certRecordOf, Inventory, type InventoryEntry } from './inventory';
import { RECORD } from './records';

function summary(i: number, over: Partial<CertSummary> = {}): CertSummary {
  return {
    id: `c${i}`.padStart(16, '0'),
    kind: 'leaf',
    profile: i % 3 === 0 ? 'client' : 'server',
    cn: `host-${i}`,
    subject: `CN=host-${i}`,
    issuer: 'CN=Corp CA',
    issuerId: 'ca00000000000001',
    serial: (1000 + i).toString(16),
    sans: [
      { type: 'dns', value: `host-${i}.example` },
      { type: 'ip', value: `10.0.0.${i % 250}` },
    ],
    notBefore: '2026-01-01T00:00:00.000Z',
    notAfter: new Date(Date.UTC(2027, 0, 1) + i * 60_000).toISOString(),
    sha256: i.toString(16).padStart(64, 'a'),
    keyAlgorithm: 'EC P-256',
    hasKey: i % 2 === 0,
    createdAt: '2026-01-01T00:00:01.000Z',
    ...over,
  };
}

const entry = (
  i: number,
  over: Partial<CertSummary> = {},
  more: Partial<InventoryEntry> = {},
): InventoryEntry => ({
  summary: summary(i, over),
  der: Uint8Array.from({ length: 20 + (i % 7) }, (_, k) => (i * 31 + k) & 0xff),
  keyRef: i % 2 === 0 ? `key_${i}` : null,
  keyAlg: i % 2 === 0 ? 'ec-p256' : null,
  ...more,
});

/** Every kind of field a stored certificate has: optional summary fields, lineage, usages, vouches, nulls. */
function variedEntries(n: number): InventoryEntry[] {
  const out: InventoryEntry[] = [];
  for (let i = 0; i < n; i++) {
    const over: Partial<CertSummary> = {};
    const more: Partial<InventoryEntry> = {};
    if (i % 5 === 0) over.revoked = { at: '2026-06-01T00:00:00.000Z', reason: 'keyCompromise' };
    if (i % 11 === 0)
      over.revoked = {
        at: '2026-06-02T00:00:00.000Z',
        reason: 'superseded',
        invalidityDate: '2026-05-01T00:00:00.000Z',
      };
    if (i % 7 === 0) over.label = `imported ${i} (from XCA)`;
    if (i % 13 === 0) over.tracked = true;
    if (i % 17 === 0) over.issuerId = null;
    if (i % 19 === 0) Object.assign(over, { kind: 'ca', profile: 'ca', pathLen: i % 2 ? null : 0 });
    if (i % 23 === 0) over.sans = [];
    if (i % 29 === 0) over.cn = 'ünïcødé ✓';
    if (i > 0 && i % 4 === 0) over.replaces = summary(i - 1).id;
    if (i % 6 === 0) more.signedBy = 'ca'.padEnd(64, 'f');
    if (i % 9 === 0) {
      more.keyUsages = ['digitalSignature'];
      more.extendedKeyUsages = ['serverAuth', '1.3.6.1.5.5.7.3.9'];
    }
    out.push(entry(i, over, more));
  }
  return out;
}

/** What a replay makes of cert.v1 records: the reference the tables must reproduce. */
function viaCertRecords(entries: InventoryEntry[]): Inventory {
  return Inventory.replay(entries.map((e) => certRecordOf({ ...e, summary: structuredClone(e.summary) })));
}

const plain = (inv: Inventory): unknown[] =>
  [...inv.entries.values()].map((e) => ({ ...e, der: [...e.der] }));

describe('certificate tables (vault format 6)', () => {
  it('replay to the very entries the per-certificate records gave, over several tables', () => {
    const entries = variedEntries(CERTS_PER_TABLE * 2 + 57);
    const before = viaCertRecords(entries);
    const snapshot = before.snapshot();
    const tables = snapshot.filter((r) => r.type === RECORD.certTable);
    expect(tables).toHaveLength(3);
    expect(snapshot.filter((r) => r.type === RECORD.cert)).toHaveLength(0);
    const after = Inventory.replay(snapshot);
    expect(plain(after)).toEqual(plain(before));
    // lineage is rebuilt from the rows as from the records
    expect(after.get(summary(3).id).summary.replacedBy).toBe(summary(4).id);
  });

  it('store repeated values once per table: a row is a fraction of a cert.v1 record', () => {
    const entries = variedEntries(500).map((e) => ({ ...e, der: new Uint8Array(0) }));
    const tables = certRecords(entries, (e) => e.signedBy, certRecordOf);
    const perRecord = viaCertRecords(entries)
      .snapshot()
      .filter((r) => r.type === RECORD.certTable);
    expect(perRecord).toHaveLength(1);
    const tableJson = JSON.stringify({ ...(tables[0]!.data as object), der: null }).length;
    const recordsJson = entries
      .map((e) => JSON.stringify({ type: RECORD.cert, data: { ...e, der: null } }))
      .join(',').length;
    expect(tableJson).toBeLessThan(recordsJson * 0.6);
  });

  it('keep a certificate whose stored fields have another shape as a cert.v1 record of its own', () => {
    const odd = entry(1, { hasKey: 'yes' as unknown as boolean });
    const records = certRecords([entry(0), odd, entry(2)], () => undefined, certRecordOf);
    expect(records.map((r) => r.type)).toEqual([RECORD.certTable, RECORD.cert, RECORD.certTable]);
    expect((records[1]!.data as { summary: unknown }).summary).toEqual(odd.summary);
    expect(entriesOfTable(records[0]!.data)).toHaveLength(1);
    const inv = viaCertRecords([entry(0), odd]);
    expect(inv.snapshot().filter((r) => r.type === RECORD.cert)).toHaveLength(1);
  });

  it('replay in the order the certificates were stored, a certificate of its own record included: the latest renewal stays the one that replaced', () => {
    const renewed = entry(0);
    const first = entry(1, { hasKey: 'yes' as unknown as boolean, replaces: renewed.summary.id });
    const latest = entry(2, { replaces: renewed.summary.id });
    const before = viaCertRecords([renewed, first, latest]);
    expect(before.get(renewed.summary.id).summary.replacedBy).toBe(latest.summary.id);
    const types = before.snapshot().map((r) => r.type);
    expect(types).toEqual([RECORD.certTable, RECORD.cert, RECORD.certTable, RECORD.settings]);
    const after = Inventory.replay(before.snapshot());
    expect(after.get(renewed.summary.id).summary.replacedBy).toBe(latest.summary.id);
  });

  it('refuse a damaged table as VAULT_CORRUPT naming it', () => {
    const tables = certRecords([entry(0), entry(1)], () => undefined, certRecordOf);
    const data = tables[0]!.data as { dict: string[]; rows: unknown[][]; der: Uint8Array };
    const damaged: unknown[] = [
      { ...data, rows: [data.rows[0]!.slice(0, 19)] },
      { ...data, rows: [data.rows[0]!.with(1, 99)] },
      { ...data, rows: [data.rows[0]!.with(18, data.der.length + 1)] },
      { ...data, der: data.der.subarray(1) },
      { ...data, rows: [data.rows[0]!.with(8, [0])] },
      { ...data, rows: [data.rows[0]!.with(13, 2)] },
      { ...data, dict: [1] },
      null,
    ];
    for (const d of damaged) {
      const r: VaultRecord = { type: RECORD.certTable, data: d as never };
      expect(() => Inventory.replay([r])).toThrow(/certificate table is malformed/);
    }
  });

  it('compact certificates of a mebibyte each (a frame holds 64 MiB at most) and read them back', async () => {
    const t = tempDir('cert-table-large-');
    try {
      const path = join(t.dir, 'v.certdesk');
      const vault = await createVault(path, PASS, { kdf: TEST_KDF });
      const count = Math.ceil(MAX_FRAME_PLAINTEXT / 2 ** 20) + 2;
      // Zeros deflate to little: only the inflated size reaches the limit, and the test stays fast.
      const inventory = Inventory.replay(
        Array.from({ length: count }, (_, i) =>
          certRecordOf({ ...entry(i), der: new Uint8Array(2 ** 20).fill(i) }),
        ),
      );
      await vault.compact(inventory.snapshot());
      await vault.lock();
      const reopened = await openVault(path, PASS, { readOnly: true });
      await reopened.vault.lock();
      const after = Inventory.replay(reopened.records);
      expect(after.entries.size).toBe(count);
      expect(after.get(summary(count - 1).id).der[5]).toBe((count - 1) & 0xff);
    } finally {
      t.cleanup();
    }
  });
});
