import { describe, expect, it } from 'vitest';
import { colonHex, daysText, formatDateTime } from './format';

describe('format', () => {
  it('describes days left relative to today', () => {
    expect([daysText(0), daysText(1), daysText(12), daysText(-1), daysText(-30)]).toEqual([
      'today',
      'in 1 day',
      'in 12 days',
      '1 day ago',
      '30 days ago',
    ]);
  });
  it('prints fingerprints like openssl', () => {
    expect(colonHex('0a1bff')).toBe('0A:1B:FF');
  });
  it('prints date-times in UTC to the minute', () => {
    expect(formatDateTime('2027-01-15T12:34:56.000Z')).toBe('2027-01-15 12:34 UTC');
  });
});
