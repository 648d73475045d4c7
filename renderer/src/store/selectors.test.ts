import { describe, expect, it } from 'vitest';
import { queryInventory, SORT_KEYS } from '../../../shared/domain/inventory-query';
import { DEFAULT_SETTINGS } from '../../../shared/domain/types';
import { signingAuthorities } from './issuance-slice';
import {
  caHealth,
  expiringSoon,
  expiryTimeline,
  hierarchy,
  inventoryRows,
  issuerOptions,
  statusCounts,
} from './selectors';
import { cert, NOW, ROOT } from './test-fixtures';
import { DEFAULT_INVENTORY_VIEW } from './ui-slice';

const T = DEFAULT_SETTINGS.thresholds;

describe('status counts', () => {
  it('classifies valid, expiring (inside the 30-day warning window), expired, revoked and chain-invalid certificates', () => {
    const list = [
      ROOT,
      cert('ok', 200),
      cert('soon', 20),
      cert('critical', 3),
      cert('gone', -2),
      cert('revoked', 200, { revoked: { at: NOW.toISOString(), reason: 'keyCompromise' } }),
      cert('under-revoked-ca', 200, { invalidReason: 'issuer revoked' }),
      // renewed 20 days before its end: counted as renewed, not as a second expiring certificate
      cert('superseded', 20, { replacedBy: 'soon' }),
    ];
    expect(statusCounts(list, NOW, T)).toMatchObject({
      valid: 2,
      expiring: 2,
      expired: 1,
      revoked: 1,
      'not-yet-valid': 0,
      invalid: 1,
      renewed: 1,
    });
  });

  it('moves a certificate from valid to expiring when the warning threshold grows', () => {
    const list = [cert('a', 45)];
    expect(statusCounts(list, NOW, T).valid).toBe(1);
    expect(statusCounts(list, NOW, { ...T, warning: 60 }).expiring).toBe(1);
  });
});

describe('expiring soon', () => {
  it('lists exactly what the Expiring and Expired cards count, soonest first with the urgency band', () => {
    const list = [cert('far', 200), cert('notice', 60), cert('warn', 20), cert('crit', 3), cert('gone', -1)];
    const items = expiringSoon(list, NOW, T);
    expect(items.map((i) => [i.cert.id, i.urgency])).toEqual([
      ['gone', 'expired'],
      ['crit', 'critical'],
      ['warn', 'warning'],
    ]);
    expect(items[1]?.daysLeft).toBe(3);
    const counts = statusCounts(list, NOW, T);
    expect(items.length).toBe(counts.expiring + counts.expired);
  });

  it('leaves out revoked certificates and ones already renewed', () => {
    const list = [
      cert('renewed', 5, { replacedBy: 'new' }),
      cert('revoked', 5, { revoked: { at: NOW.toISOString(), reason: 'superseded' } }),
      cert('todo', 5),
    ];
    expect(expiringSoon(list, NOW, T).map((i) => i.cert.id)).toEqual(['todo']);
  });
});

describe('inventory rows', () => {
  const list = [
    ROOT,
    cert('billing-service', 20, {
      profile: 'client',
      sans: [{ type: 'uri', value: 'spiffe://corp/billing' }],
    }),
    cert('user-service', 200, { serial: '7f:3a:09', sha256: 'c0ffee'.padEnd(64, '0') }),
    cert('old', -5, { issuerId: 'other', issuer: 'CN=Other' }),
  ];

  it('searches by CN, SAN, serial with colons and fingerprint prefix', () => {
    const q = (text: string): string[] =>
      inventoryRows(list, { ...DEFAULT_INVENTORY_VIEW, text }, NOW, T).map((c) => c.id);
    expect(q('user')).toEqual(['user-service']);
    expect(q('spiffe://corp')).toEqual(['billing-service']);
    expect(q('7f3a09')).toEqual(['user-service']);
    expect(q('C0:FF:EE')).toEqual(['user-service']);
    expect(q('nothing-matches')).toEqual([]);
  });

  it('filters by status, profile and issuer', () => {
    const rows = (patch: object): string[] =>
      inventoryRows(list, { ...DEFAULT_INVENTORY_VIEW, ...patch }, NOW, T).map((c) => c.id);
    expect(rows({ status: 'expiring' })).toEqual(['billing-service']);
    expect(rows({ status: 'expired' })).toEqual(['old']);
    expect(rows({ profile: 'client' })).toEqual(['billing-service']);
    expect(rows({ issuerId: 'other' })).toEqual(['old']);
  });

  it('sorts by days left ascending by default and by CN descending on request', () => {
    expect(inventoryRows(list, DEFAULT_INVENTORY_VIEW, NOW, T).map((c) => c.id)).toEqual([
      'old',
      'billing-service',
      'user-service',
      'root',
    ]);
    const byCn = inventoryRows(list, { ...DEFAULT_INVENTORY_VIEW, sort: { key: 'cn', dir: 'desc' } }, NOW, T);
    expect(byCn.map((c) => c.cn)).toEqual(['user-service', 'Root', 'old', 'billing-service']);
  });

  it('orders exactly like the shared queryInventory for every sort key and direction', () => {
    const many = Array.from({ length: 500 }, (_, i) =>
      cert(`svc-${i % 37}`, ((i * 13) % 400) - 50 + (i % 3) * 0.4, {
        createdAt: new Date(NOW.getTime() - (i % 11) * 86_400_000).toISOString(),
        ...(i % 17 === 0 ? { revoked: { at: NOW.toISOString(), reason: 'superseded' as const } } : {}),
      }),
    ).map((c, i) => ({ ...c, id: `id-${i}` }));
    for (const key of SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        const view = { ...DEFAULT_INVENTORY_VIEW, sort: { key, dir } };
        const expected = queryInventory(many, {}, view.sort, NOW, T).map((c) => c.id);
        expect(
          inventoryRows(many, view, NOW, T).map((c) => c.id),
          `${key} ${dir}`,
        ).toEqual(expected);
      }
    }
  });

  it('derives 10,000 rows with a text filter without losing any match', () => {
    const many = Array.from({ length: 10_000 }, (_, i) => cert(`svc-${i}`, (i % 400) - 20));
    expect(inventoryRows(many, { ...DEFAULT_INVENTORY_VIEW, text: 'svc-99' }, NOW, T)).toHaveLength(111);
  });
});

describe('expiry timeline', () => {
  it('buckets the next 12 months by issuing CA and skips expired, revoked, renewed and later certificates', () => {
    const inter = cert('inter', 40, { kind: 'ca', profile: 'intermediate', cn: 'Issuing CA' });
    const list = [
      ROOT,
      inter,
      cert('a', 10),
      cert('b', 12, { issuerId: 'inter' }),
      cert('c', 100, { issuerId: 'inter' }),
      cert('gone', -3),
      cert('revoked', 10, { revoked: { at: NOW.toISOString(), reason: 'superseded' } }),
      cert('renewed', 10, { replacedBy: 'a' }),
      cert('far', 800),
      cert('ext', 10, { issuerId: null }),
    ];
    const t = expiryTimeline(list, NOW);
    expect(t.months).toHaveLength(12);
    expect(t.months[0]).toMatchObject({
      key: '2027-01',
      label: 'Jan 2027',
      total: 3,
      byCa: { root: 1, inter: 1, external: 1 },
    });
    expect(t.months[1]?.byCa).toEqual({ root: 1 });
    expect(t.months[3]).toMatchObject({ key: '2027-04', byCa: { inter: 1 } });
    expect(t.months[11]?.key).toBe('2027-12');
    expect(t.cas.map((c) => c.cn)).toEqual(['External issuers', 'Issuing CA', 'Root']);
    expect(t.max).toBe(3);
  });
});

describe('CA health and hierarchy', () => {
  it('flags a CRL whose next update has passed as overdue and one within two days as due soon', () => {
    const inter = cert('inter', 400, { kind: 'ca', profile: 'intermediate' });
    const crl = (days: number) => ({
      caId: '',
      number: 1,
      thisUpdate: NOW.toISOString(),
      nextUpdate: new Date(NOW.getTime() + days * 86_400_000).toISOString(),
      pem: '',
    });
    const rows = caHealth([ROOT, inter], { root: crl(-1), inter: crl(1) }, NOW, T);
    expect(rows.map((r) => [r.ca.id, r.crlHealth])).toEqual([
      ['inter', 'due-soon'],
      ['root', 'overdue'],
    ]);
    expect(caHealth([ROOT], {}, NOW, T)[0]?.crlHealth).toBe('none');
  });

  it('nests certificates under their issuer, CAs first', () => {
    const inter = cert('inter', 400, { kind: 'ca', profile: 'intermediate', cn: 'Z Issuing' });
    const tree = hierarchy([cert('leaf', 30, { issuerId: 'inter' }), cert('a-leaf', 30), inter, ROOT]);
    expect(tree.map((n) => n.cert.id)).toEqual(['root']);
    expect(tree[0]?.children.map((n) => n.cert.id)).toEqual(['inter', 'a-leaf']);
    expect(tree[0]?.children[0]?.children.map((n) => n.cert.id)).toEqual(['leaf']);
  });
});

describe('tracked CA certificates', () => {
  it('are not authorities: no CA health row, no issuer filter choice, no signing choice', () => {
    const vendorCa = cert('vendor-ca', 900, { kind: 'ca', profile: 'root', cn: 'Vendor CA', tracked: true });
    const list = [ROOT, vendorCa, cert('leaf', 100)];
    expect(caHealth(list, {}, NOW, T).map((r) => r.ca.id)).toEqual(['root']);
    expect(issuerOptions(list).map((o) => o.id)).toEqual(['root']);
    expect(signingAuthorities(list).map((c) => c.id)).toEqual(['root']);
  });
});
