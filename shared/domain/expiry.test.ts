import { describe, expect, it } from 'vitest';
import {
  awaitsRenewal,
  certStatus,
  daysLeft,
  daysLeftShown,
  expiresWithin,
  expiryUrgency,
  lifetimeUsed,
  shouldRenew,
} from './expiry';
import { DEFAULT_SETTINGS } from './types';

const th = DEFAULT_SETTINGS.thresholds; // 7 / 30 / 90
const now = new Date('2026-06-01T12:00:00Z');
const cert = (notBefore: string, notAfter: string, revoked = false) => ({
  notBefore,
  notAfter,
  ...(revoked ? { revoked: { at: '2026-05-01T00:00:00Z', reason: 'keyCompromise' as const } } : {}),
});

describe('expiry classification', () => {
  it('counts whole days left, rounding down, negative after expiry', () => {
    expect(daysLeft(cert('2026-01-01T00:00:00Z', '2026-06-11T12:00:00Z'), now)).toBe(10);
    expect(daysLeft(cert('2026-01-01T00:00:00Z', '2026-06-02T11:00:00Z'), now)).toBe(0);
    expect(daysLeft(cert('2026-01-01T00:00:00Z', '2026-05-31T12:00:00Z'), now)).toBe(-1);
  });

  it('shows days left to the minute: a certificate issued for 200 days reads 200 in the minute it was made', () => {
    // issued at 11:59:59.600 for 200 days: notAfter cut to whole seconds, the page reads it 0.4 s later
    const fresh = cert('2026-06-01T11:54:59Z', '2026-12-18T11:59:59Z');
    expect(daysLeft(fresh, now)).toBe(199);
    expect(daysLeftShown(fresh, now)).toBe(200);
    expect(daysLeftShown(fresh, new Date('2026-06-01T12:00:58Z'))).toBe(200);
    expect(daysLeftShown(fresh, new Date('2026-06-01T12:01:00Z'))).toBe(199);
    // otherwise the same whole days as daysLeft: 23 h left is 0 days, the day after expiry -1
    expect(daysLeftShown(cert('2026-01-01T00:00:00Z', '2026-06-11T12:00:00Z'), now)).toBe(10);
    expect(daysLeftShown(cert('2026-01-01T00:00:00Z', '2026-06-02T11:00:00Z'), now)).toBe(0);
    expect(daysLeftShown(cert('2026-01-01T00:00:00Z', '2026-05-31T12:00:00Z'), now)).toBe(-1);
    expect(daysLeftShown(cert('2026-01-01T00:00:00Z', '2026-06-01T11:59:30Z'), now)).toBe(0);
  });

  it('classifies valid, expiring, expired, not-yet-valid and revoked', () => {
    expect(certStatus(cert('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'), now, th)).toBe('valid');
    expect(certStatus(cert('2026-01-01T00:00:00Z', '2026-06-20T00:00:00Z'), now, th)).toBe('expiring');
    expect(certStatus(cert('2026-01-01T00:00:00Z', '2026-06-01T12:00:00Z'), now, th)).toBe('expired');
    expect(certStatus(cert('2026-07-01T00:00:00Z', '2027-01-01T00:00:00Z'), now, th)).toBe('not-yet-valid');
    expect(certStatus(cert('2026-01-01T00:00:00Z', '2026-06-20T00:00:00Z', true), now, th)).toBe('revoked');
  });

  it('calls a superseded certificate renewed, never expiring, even inside the warning window or expired', () => {
    const soon = cert('2026-01-01T00:00:00Z', '2026-06-20T00:00:00Z');
    expect(certStatus({ ...soon, replacedBy: 'successor' }, now, th)).toBe('renewed');
    expect(
      certStatus({ ...cert('2026-01-01T00:00:00Z', '2026-05-20T00:00:00Z'), replacedBy: 's' }, now, th),
    ).toBe('renewed');
    expect(
      certStatus({ ...cert('2026-01-01T00:00:00Z', '2026-06-20T00:00:00Z', true), replacedBy: 's' }, now, th),
    ).toBe('revoked');
  });

  it('never calls a certificate with a failing chain valid or expiring; revocation and dates still win', () => {
    const broken = { invalidReason: 'CA "CN=inter": revoked on 2026-05-01T00:00:00.000Z (cACompromise)' };
    const valid = cert('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z');
    const expiring = cert('2026-01-01T00:00:00Z', '2026-06-20T00:00:00Z');
    expect(certStatus({ ...valid, ...broken }, now, th)).toBe('invalid');
    expect(certStatus({ ...expiring, ...broken }, now, th)).toBe('invalid');
    expect(certStatus({ ...cert('2026-01-01T00:00:00Z', '2026-06-01T12:00:00Z'), ...broken }, now, th)).toBe(
      'expired',
    );
    expect(
      certStatus({ ...cert('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', true), ...broken }, now, th),
    ).toBe('revoked');
  });

  it('calls a certificate whose own times cannot be read invalid whatever its stored dates say, unless revoked', () => {
    const unreadable = {
      invalidReason: 'notAfter "271301000000Z" is not a valid time: month 13 is out of range',
      timeUnreadable: true as const,
    };
    for (const [from, to] of [
      ['2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z'],
      ['2026-07-01T00:00:00Z', '2027-01-01T00:00:00Z'],
      ['2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z'],
    ] as const)
      expect(certStatus({ ...cert(from, to), ...unreadable }, now, th)).toBe('invalid');
    expect(
      certStatus({ ...cert('2026-01-01T00:00:00Z', '2027-01-01T00:00:00Z', true), ...unreadable }, now, th),
    ).toBe('revoked');
    // its stored notAfter is no date to plan a renewal for (expiring list, calendar)
    expect(awaitsRenewal({ ...cert('2026-01-01T00:00:00Z', '2026-06-20T00:00:00Z'), ...unreadable })).toBe(
      false,
    );
    expect(awaitsRenewal(cert('2026-01-01T00:00:00Z', '2026-06-20T00:00:00Z'))).toBe(true);
  });

  it('uses the configured warning threshold as the expiring boundary', () => {
    const c = cert('2026-01-01T00:00:00Z', '2026-07-01T12:00:00Z'); // 30 days left
    expect(certStatus(c, now, th)).toBe('valid');
    expect(certStatus(c, now, { ...th, warning: 31 })).toBe('expiring');
  });

  it('bands urgency by critical, warning and notice thresholds', () => {
    expect(expiryUrgency(cert('2026-01-01T00:00:00Z', '2026-06-03T00:00:00Z'), now, th)).toBe('critical');
    expect(expiryUrgency(cert('2026-01-01T00:00:00Z', '2026-06-20T00:00:00Z'), now, th)).toBe('warning');
    expect(expiryUrgency(cert('2026-01-01T00:00:00Z', '2026-08-01T00:00:00Z'), now, th)).toBe('notice');
    expect(expiryUrgency(cert('2026-01-01T00:00:00Z', '2027-08-01T00:00:00Z'), now, th)).toBe('ok');
    expect(expiryUrgency(cert('2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z'), now, th)).toBe('expired');
  });

  it('reports lifetime used as a clamped fraction', () => {
    expect(lifetimeUsed(cert('2026-05-01T12:00:00Z', '2026-07-01T12:00:00Z'), now)).toBeCloseTo(31 / 61, 5);
    expect(lifetimeUsed(cert('2026-07-01T00:00:00Z', '2026-08-01T00:00:00Z'), now)).toBe(0);
    expect(lifetimeUsed(cert('2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z'), now)).toBe(1);
  });

  it('hints renewal at two thirds of the lifetime even far from the warning window', () => {
    // 1-year cert, 70 % used, 109 days left: renew by lifetime
    const c = cert('2025-09-16T00:00:00Z', '2026-09-16T00:00:00Z');
    expect(daysLeft(c, now)).toBeGreaterThan(th.warning);
    expect(shouldRenew(c, now, th)).toBe(true);
    expect(shouldRenew(cert('2026-05-01T00:00:00Z', '2027-05-01T00:00:00Z'), now, th)).toBe(false);
    expect(shouldRenew(cert('2025-09-16T00:00:00Z', '2026-09-16T00:00:00Z', true), now, th)).toBe(false);
  });

  it('treats already expired certificates as expiring within any window', () => {
    expect(expiresWithin(cert('2026-01-01T00:00:00Z', '2026-05-01T00:00:00Z'), now, 30)).toBe(true);
    expect(expiresWithin(cert('2026-01-01T00:00:00Z', '2026-06-30T00:00:00Z'), now, 30)).toBe(true);
    expect(expiresWithin(cert('2026-01-01T00:00:00Z', '2026-07-02T00:00:00Z'), now, 30)).toBe(false);
  });
});
