import { describe, expect, it } from 'vitest';
import { dashboardSummary } from '../../../shared/domain/dashboard-summary';
import { queryInventory, SORT_KEYS } from '../../../shared/domain/inventory-query';
import { DEFAULT_SETTINGS } from '../../../shared/domain/types';
import { signingAuthorities } from './issuance-slice';
import { caHealth, hierarchy, inventoryRows, issuerOptions } from './selectors';
import { cert, NOW, ROOT } from '../../../shared/domain/test-fixtures';
import { DEFAULT_INVENTORY_VIEW } from './ui-slice';

const T = DEFAULT_SETTINGS.thresholds;

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

  it('filters to the certificates due later: exactly the ones the dashboard counts under Later', () => {
    const vault = [
      ...list,
      cert('at-warning', 30),
      cert('planned', 60),
      cert('revoked-planned', 60, { revoked: { at: NOW.toISOString(), reason: 'superseded' } }),
      cert('at-notice', 90),
    ];
    const view = { ...DEFAULT_INVENTORY_VIEW, status: 'later' as const };
    const later = (t = T): string[] => inventoryRows(vault, view, NOW, t).map((c) => c.id);
    expect(later()).toEqual(['at-warning', 'planned']);
    expect(later()).toHaveLength(dashboardSummary(vault, NOW, T).expiring.later);
    const wider = { ...T, notice: 250 };
    expect(later(wider)).toEqual(['at-warning', 'planned', 'at-notice', 'user-service']);
    expect(later(wider)).toHaveLength(dashboardSummary(vault, NOW, wider).expiring.later);
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
