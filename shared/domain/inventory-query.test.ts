import { describe, expect, it } from 'vitest';
import {
  countByStatus,
  filterInventory,
  matchesText,
  narrowsQuery,
  queryInventory,
  sanSummary,
  sortInventory,
  textQuery,
} from './inventory-query';
import { DEFAULT_SETTINGS, type CertSummary } from './types';

const th = DEFAULT_SETTINGS.thresholds;
const now = new Date('2026-06-01T00:00:00Z');

function cert(over: Partial<CertSummary> & Pick<CertSummary, 'id' | 'cn'>): CertSummary {
  return {
    kind: 'leaf',
    profile: 'server',
    subject: `CN=${over.cn}`,
    issuer: 'CN=mygrpc-ca',
    issuerId: 'ca1',
    serial: '00',
    sans: [],
    notBefore: '2026-01-01T00:00:00Z',
    notAfter: '2027-01-01T00:00:00Z',
    sha256: 'ff'.repeat(32),
    keyAlgorithm: 'EC P-256',
    hasKey: true,
    createdAt: '2026-01-01T00:00:00Z',
    ...over,
  };
}

const ca = cert({
  id: 'ca1',
  cn: 'mygrpc-ca',
  kind: 'ca',
  profile: 'root',
  issuerId: null,
  notAfter: '2036-01-01T00:00:00Z',
});
const server = cert({
  id: 's1',
  cn: 'user-service',
  serial: '7f3a0b9c',
  sha256: 'ab12cd'.padEnd(64, '0'),
  sans: [
    { type: 'dns', value: 'user-service' },
    { type: 'dns', value: 'user-service.internal' },
    { type: 'ip', value: '127.0.0.1' },
  ],
  notAfter: '2026-06-15T00:00:00Z',
});
const client = cert({ id: 'c1', cn: 'billing-service', profile: 'client', notAfter: '2026-05-01T00:00:00Z' });
const revoked = cert({
  id: 'r1',
  cn: 'old-service',
  revoked: { at: '2026-02-01T00:00:00Z', reason: 'superseded' },
});
const all = [ca, server, client, revoked];

describe('inventory query', () => {
  it('searches by CN, SAN, serial with colons and fingerprint prefix', () => {
    expect(matchesText(server, 'USER-SERV')).toBe(true);
    expect(matchesText(server, '127.0.0')).toBe(true);
    expect(matchesText(server, '7F:3A:0B')).toBe(true);
    expect(matchesText(server, 'AB:12:CD')).toBe(true);
    expect(matchesText(server, 'billing')).toBe(false);
    expect(matchesText(server, '   ')).toBe(true);
  });

  it('matches a CN or SAN only within one value, even when a hostile value contains NUL', () => {
    const odd = cert({ id: 'n1', cn: 'a\u0000b', sans: [{ type: 'dns', value: 'c.example' }] });
    expect(matchesText(odd, 'a\u0000b')).toBe(true);
    expect(matchesText(odd, 'b\u0000c')).toBe(false);
    expect(matchesText(server, 'user-service\u0000user')).toBe(false);
    expect(matchesText(server, 'internal127')).toBe(false);
  });

  it('lets a query be searched within the previous results only when no certificate could be lost', () => {
    const narrows = (prev: string, next: string): boolean => narrowsQuery(textQuery(prev), textQuery(next));
    expect(narrows('', 'host')).toBe(true);
    expect(narrows('host-12', 'host-123')).toBe(true);
    expect(narrows('7f', '7f:3a')).toBe(true);
    expect(narrows('host-123', 'host-12')).toBe(false);
    expect(narrows('host', '')).toBe(false);
    expect(narrows('bc', 'abc')).toBe(false);
    // 'a' is too short to be a serial search, 'ab' is one: a serial containing 'ab' did not match 'a'
    expect(narrows('a', 'ab')).toBe(false);
    expect(narrows('ab', 'abz')).toBe(true);
  });

  it('does not match a fingerprint in the middle', () => {
    expect(matchesText(server, '12cd')).toBe(false);
  });

  it('filters by status, kind, profile and issuer together', () => {
    expect(filterInventory(all, { statuses: ['expiring'] }, now, th).map((c) => c.id)).toEqual(['s1']);
    expect(filterInventory(all, { statuses: ['expired', 'revoked'] }, now, th).map((c) => c.id)).toEqual([
      'c1',
      'r1',
    ]);
    expect(filterInventory(all, { kind: 'ca' }, now, th).map((c) => c.id)).toEqual(['ca1']);
    expect(filterInventory(all, { profiles: ['client'], issuerId: 'ca1' }, now, th).map((c) => c.id)).toEqual(
      ['c1'],
    );
    expect(filterInventory(all, {}, now, th)).toHaveLength(4);
  });

  it('filters tracked certificates apart: a profile filter never matches one, the tracked filter only them', () => {
    const vendor = cert({ id: 't1', cn: 'gateway.vendor.example', profile: 'custom', tracked: true });
    const custom = cert({ id: 'u1', cn: 'custom-here', profile: 'custom' });
    const list = [...all, vendor, custom];
    expect(filterInventory(list, { tracked: true }, now, th).map((c) => c.id)).toEqual(['t1']);
    expect(filterInventory(list, { profiles: ['custom'] }, now, th).map((c) => c.id)).toEqual(['u1']);
    expect(filterInventory(list, { tracked: false }, now, th)).toHaveLength(5);
  });

  it('sorts by days left and by status in either direction without mutating the input', () => {
    const copy = [...all];
    expect(sortInventory(all, { key: 'daysLeft', dir: 'asc' }, now, th).map((c) => c.id)).toEqual([
      'c1',
      's1',
      'r1',
      'ca1',
    ]);
    expect(sortInventory(all, { key: 'notAfter', dir: 'desc' }, now, th)[0]?.id).toBe('ca1');
    expect(sortInventory(all, { key: 'status', dir: 'asc' }, now, th).map((c) => c.id)).toEqual([
      'c1',
      's1',
      'ca1',
      'r1',
    ]);
    expect(all).toEqual(copy);
  });

  it('combines filter and sort and counts by status', () => {
    expect(
      queryInventory(all, { kind: 'leaf' }, { key: 'cn', dir: 'asc' }, now, th).map((c) => c.cn),
    ).toEqual(['billing-service', 'old-service', 'user-service']);
    expect(countByStatus(all, now, th)).toEqual({
      valid: 1,
      expiring: 1,
      expired: 1,
      revoked: 1,
      'not-yet-valid': 0,
      invalid: 0,
      renewed: 0,
    });
  });

  it('summarises SANs for a list row, each with its type', () => {
    expect(sanSummary(server)).toBe('DNS:user-service, DNS:user-service.internal +1 more');
    expect(sanSummary(server, 3)).toBe('DNS:user-service, DNS:user-service.internal, IP:127.0.0.1');
    expect(sanSummary(ca)).toBe('');
  });
});
