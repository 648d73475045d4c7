import { describe, expect, it } from 'vitest';
import { parseInstant } from './instant';

describe('parseInstant', () => {
  it('agrees with Date.parse on toISOString output across four centuries, leap days and month ends', () => {
    const start = Date.UTC(1950, 0, 1);
    const step = 7_919_993_317; // about 92 days and an odd number of milliseconds: walks every field
    for (let t = start; t < Date.UTC(2400, 0, 1); t += step) {
      const iso = new Date(t).toISOString();
      expect(parseInstant(iso), iso).toBe(t);
    }
    for (const iso of ['2028-02-29T23:59:59.999Z', '2000-02-29T00:00:00.000Z', '2027-12-31T23:59:59.999Z'])
      expect(parseInstant(iso), iso).toBe(Date.parse(iso));
  });

  it('gives exactly what Date.parse gives for every other shape, out-of-range fields included', () => {
    const odd = [
      '2027-02-30T00:00:00.000Z',
      '2027-13-01T00:00:00.000Z',
      '2027-00-10T00:00:00.000Z',
      '2027-01-00T00:00:00.000Z',
      '2027-01-32T00:00:00.000Z',
      '2027-01-15T24:00:00.000Z',
      '2027-01-15T12:60:00.000Z',
      '2027-01-15T12:00:60.000Z',
      '0099-01-15T12:00:00.000Z',
      '2027-01-15T12:00:00Z',
      '2027-01-15T12:00:00.000+01:00',
      '2027-01-15',
      '2027-0a-15T12:00:00.000Z',
      '2027-01-15T1 :00:00.000Z',
      '2027/01/15T12:00:00.000Z',
      '+2027-01-15T12:00:00.00Z',
      '',
      'not a date at all, 24 ch',
    ];
    for (const iso of odd) expect(parseInstant(iso), iso).toEqual(Date.parse(iso));
  });
});
