import { describe, expect, it } from 'vitest';
import { certStatus, expiryUrgency } from './expiry';
import { countByStatus, filterInventory } from './inventory-query';
import { DEFAULT_SETTINGS, type CertSummary } from './types';
import { dashboardSummary } from './dashboard-summary';
import { cert, NOW, ROOT } from './test-fixtures';

const T = DEFAULT_SETTINGS.thresholds;
const DAY = 86_400_000;
const counts = (list: readonly CertSummary[], t = T): ReturnType<typeof countByStatus> =>
  dashboardSummary(list, NOW, t).counts;

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
    expect(counts(list)).toMatchObject({
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
    expect(counts(list).valid).toBe(1);
    expect(counts(list, { ...T, warning: 60 }).expiring).toBe(1);
  });
});

describe('expiring soon', () => {
  it('lists exactly what the Expiring and Expired cards count, soonest first with the urgency band', () => {
    const list = [cert('far', 200), cert('notice', 60), cert('warn', 20), cert('crit', 3), cert('gone', -1)];
    const { expiring, counts: c } = dashboardSummary(list, NOW, T);
    expect(expiring.mostUrgent.map((i) => [i.cert.id, i.urgency])).toEqual([
      ['gone', 'expired'],
      ['crit', 'critical'],
      ['warn', 'warning'],
    ]);
    expect(expiring.mostUrgent[1]?.daysLeft).toBe(3);
    expect(expiring.byUrgency).toEqual({ expired: 1, critical: 1, warning: 1 });
    expect(c.expiring + c.expired).toBe(3);
  });

  it('lists only the most urgent rows asked for, and counts every one of them per band', () => {
    const list = [
      ...Array.from({ length: 5 }, (_, i) => cert(`warn-${i}`, 20 - i)),
      ...Array.from({ length: 4 }, (_, i) => cert(`crit-${i}`, 5 - i)),
      cert('gone', -1),
    ];
    const { expiring } = dashboardSummary(list, NOW, T, 3);
    expect(expiring.mostUrgent.map((i) => i.cert.id)).toEqual(['gone', 'crit-3', 'crit-2']);
    expect(expiring.byUrgency).toEqual({ expired: 1, critical: 4, warning: 5 });
    expect(dashboardSummary(list, NOW, T, 0).expiring.mostUrgent).toEqual([]);
    expect(dashboardSummary(list, NOW, T).expiring.mostUrgent).toHaveLength(8);
  });

  it('leaves out revoked certificates and ones already renewed', () => {
    const list = [
      cert('renewed', 5, { replacedBy: 'new' }),
      cert('revoked', 5, { revoked: { at: NOW.toISOString(), reason: 'superseded' } }),
      cert('todo', 5),
    ];
    expect(dashboardSummary(list, NOW, T).expiring.mostUrgent.map((i) => i.cert.id)).toEqual(['todo']);
  });
});

describe('due later (the notice band beyond Warning)', () => {
  const later = (list: readonly CertSummary[], t = T): number =>
    dashboardSummary(list, NOW, t).expiring.later;

  it('counts valid certificates from exactly Warning days left up to, not including, Notice', () => {
    const list = [
      cert('warning-edge', 29.99),
      cert('at-warning', 30),
      cert('notice-minus-1', 89),
      cert('last-minute', 89.999),
      cert('at-notice', 90),
      cert('far', 200),
    ];
    expect(later(list)).toBe(3);
    const { expiring, counts: c } = dashboardSummary(list, NOW, T);
    // they are valid on the cards and not listed among the urgent rows
    expect(expiring.mostUrgent.map((i) => i.cert.id)).toEqual(['warning-edge']);
    expect(c).toMatchObject({ valid: 5, expiring: 1 });
  });

  it('leaves out revoked, renewed, chain-invalid, unreadable, not-yet-valid and expired certificates', () => {
    const list = [
      cert('plain', 60),
      cert('revoked', 60, { revoked: { at: NOW.toISOString(), reason: 'superseded' } }),
      cert('renewed', 60, { replacedBy: 'plain' }),
      cert('under-revoked-ca', 60, { invalidReason: 'issuer revoked' }),
      cert('unreadable', 60, { timeUnreadable: true }),
      cert('future', 60, { notBefore: new Date(NOW.getTime() + DAY).toISOString() }),
      cert('gone', -1),
    ];
    expect(later(list)).toBe(1);
  });

  it('follows the thresholds: a wider Warning takes certificates into Expiring, a wider Notice adds them', () => {
    const list = [cert('d20', 20), cert('d45', 45), cert('d100', 100)];
    expect(later(list)).toBe(1);
    expect(later(list, { critical: 7, warning: 60, notice: 90 })).toBe(0);
    expect(later(list, { critical: 7, warning: 60, notice: 120 })).toBe(1);
    expect(later(list, { critical: 7, warning: 10, notice: 101 })).toBe(3);
    expect(later(list, { critical: 7, warning: 30, notice: 30 })).toBe(0);
  });
});

/** Every kind of certificate the classification tells apart, at many distances from NOW. */
function mixedVault(): CertSummary[] {
  return Array.from({ length: 3_000 }, (_, i) => {
    const days = ((i * 37) % 900) - 120 + (i % 4) * 0.3;
    const patch: Partial<CertSummary> = {};
    if (i % 29 === 0) patch.revoked = { at: NOW.toISOString(), reason: 'superseded' };
    if (i % 31 === 0) patch.replacedBy = `id-${i + 1}`;
    if (i % 37 === 0) patch.invalidReason = 'issuer revoked';
    if (i % 41 === 0) patch.notBefore = new Date(NOW.getTime() + 3 * DAY).toISOString();
    if (i % 43 === 0) patch.issuerId = null;
    return { ...cert(`svc-${i}`, days, patch), id: `id-${i}` };
  });
}

describe('dashboard summary in one pass', () => {
  it('counts exactly what the shared countByStatus counts (the Certificates filter uses the same rule)', () => {
    const list = [ROOT, ...mixedVault()];
    for (const t of [T, { ...T, warning: 60 }, { critical: 3, warning: 10, notice: 20 }])
      expect(counts(list, t)).toEqual(countByStatus(list, NOW, t));
    expect(dashboardSummary(list, NOW, T).total).toBe(list.length);
  });

  it('lists the soonest of what certStatus calls expiring or expired (ties in list order), and counts them all, so list and cards agree', () => {
    const list = mixedVault();
    const expected = list
      .filter((x) => ['expiring', 'expired'].includes(certStatus(x, NOW, T)))
      .sort((a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter));
    expect(expected.length).toBeGreaterThan(100);
    for (const rows of [1, 8, 100]) {
      const { expiring, counts: c } = dashboardSummary(list, NOW, T, rows);
      const first = expected.slice(0, rows);
      expect(expiring.mostUrgent.map((i) => i.cert.id)).toEqual(first.map((x) => x.id));
      expect(expiring.mostUrgent.map((i) => i.urgency)).toEqual(first.map((x) => expiryUrgency(x, NOW, T)));
      const byBand = { expired: 0, critical: 0, warning: 0 };
      for (const x of expected) byBand[expiryUrgency(x, NOW, T) as keyof typeof byBand]++;
      expect(expiring.byUrgency).toEqual(byBand);
      expect(byBand.expired + byBand.critical + byBand.warning).toBe(c.expiring + c.expired);
    }
  });

  it('counts as due later exactly the valid certificates in the notice band, the rows the Certificates filter lists', () => {
    const list = mixedVault();
    for (const t of [T, { ...T, warning: 60 }, { critical: 3, warning: 10, notice: 200 }]) {
      const band = list.filter(
        (x) => certStatus(x, NOW, t) === 'valid' && expiryUrgency(x, NOW, t) === 'notice',
      );
      expect(band.length).toBeGreaterThan(20);
      expect(dashboardSummary(list, NOW, t).expiring.later).toBe(band.length);
      expect(filterInventory(list, { dueLater: true }, NOW, t).map((x) => x.id)).toEqual(
        band.map((x) => x.id),
      );
    }
  });

  it('lists the authorities for CA health, leaving out leaves and tracked CA certificates', () => {
    const vendorCa = cert('vendor-ca', 900, { kind: 'ca', profile: 'root', cn: 'Vendor CA', tracked: true });
    const inter = cert('inter', 400, {
      kind: 'ca',
      profile: 'intermediate',
      revoked: { at: '', reason: 'superseded' },
    });
    const list = [cert('leaf', 10), ROOT, vendorCa, inter];
    expect(dashboardSummary(list, NOW, T).authorities.map((c) => c.id)).toEqual(['root', 'inter']);
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
    const t = dashboardSummary(list, NOW, T).timeline;
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

  it('ends with the last second of the twelfth month and names a CA that appears after its certificates', () => {
    const lastMs = Date.UTC(2028, 0, 1) - 1000;
    const at = (id: string, ms: number, patch: Partial<CertSummary> = {}): CertSummary =>
      cert(id, 0, { notAfter: new Date(ms).toISOString(), issuerId: 'late-ca', issuer: 'CN=Late', ...patch });
    const list = [
      at('last-second', lastMs),
      at('next-year', lastMs + 1000),
      cert('late-ca', 3000, { kind: 'ca', profile: 'root', cn: 'Late CA', issuerId: null }),
    ];
    const t = dashboardSummary(list, NOW, T).timeline;
    expect(t.months[11]).toMatchObject({ key: '2027-12', total: 1, byCa: { 'late-ca': 1 } });
    expect(t.months.reduce((n, m) => n + m.total, 0)).toBe(1);
    expect(t.cas).toEqual([{ id: 'late-ca', cn: 'Late CA' }]);
  });
});
