import { describe, expect, it } from 'vitest';
import { parseTime, readCert, serialOctets, type TimeField } from './cert-raw';
import { readTlv } from './der';
import { serialValue } from './serial';
import { ctxAt, makeLeaf, makeRoot } from './testing/fixtures';
import { retimed } from './testing/retimed';

const timeOf = (tag: number, text: string, field: TimeField = 'notBefore'): Date => {
  const bytes = new TextEncoder().encode(text);
  const der = Uint8Array.of(tag, bytes.length, ...bytes);
  return parseTime(der, readTlv(der, 0), field);
};

describe('parseTime', () => {
  it('reads the forms RFC 5280 prescribes, UTCTime years 50–99 in the 1900s', () => {
    expect(timeOf(0x17, '261204013058Z').toISOString()).toBe('2026-12-04T01:30:58.000Z');
    expect(timeOf(0x17, '491231235959Z').toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(timeOf(0x17, '500101000000Z').toISOString()).toBe('1950-01-01T00:00:00.000Z');
    expect(timeOf(0x18, '20500101000000Z').toISOString()).toBe('2050-01-01T00:00:00.000Z');
    expect(timeOf(0x17, '280229235959Z').toISOString()).toBe('2028-02-29T23:59:59.000Z');
    expect(timeOf(0x18, '20000229000000Z').toISOString()).toBe('2000-02-29T00:00:00.000Z');
  });

  it('reads a GeneralizedTime year as written, also outside 1950–2049, as openssl and Go do', () => {
    expect(timeOf(0x18, '00500101000000Z').toISOString()).toBe('0050-01-01T00:00:00.000Z');
    expect(timeOf(0x18, '19490101000000Z').toISOString()).toBe('1949-01-01T00:00:00.000Z');
    expect(timeOf(0x18, '20261101000000Z').toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(timeOf(0x18, '99991231235959Z').toISOString()).toBe('9999-12-31T23:59:59.000Z');
  });

  it.each([
    ['month 13', 0x17, '261301000000Z', /month 13/],
    ['month 0', 0x17, '260001000000Z', /month 00/],
    ['day 0', 0x17, '261100000000Z', /day 00/],
    ['31 November', 0x17, '261131000000Z', /day 31/],
    ['29 February of a common year', 0x17, '270229000000Z', /day 29/],
    ['29 February 1900 (not a leap year)', 0x18, '19000229000000Z', /day 29/],
    ['hour 24', 0x17, '261101240000Z', /hour 24/],
    ['minute 60', 0x17, '261101006000Z', /minute 60/],
    ['second 60', 0x17, '261101000060Z', /second 60/],
    ['a GeneralizedTime month 13', 0x18, '20501301000000Z', /month 13/],
  ])('refuses %s, naming the field, instead of rolling it over', (_, tag, text, part) => {
    expect(() => timeOf(tag, text, 'notAfter')).toThrow(part);
    expect(() => timeOf(tag, text, 'notAfter')).toThrow(new RegExp(`^notAfter "${text}"`));
  });

  it.each([
    ['UTCTime without seconds', 0x17, '2612040130Z'],
    ['fractional seconds', 0x18, '20261204013058.123Z'],
    ['a non-digit', 0x17, '26120401305aZ'],
    ['an offset instead of Z', 0x18, '20261204013058+0100'],
    ['an offset in UTCTime', 0x17, '261204013058+0000'],
  ])('refuses %s, which openssl verify refuses too', (_, tag, text) => {
    expect(() => timeOf(tag, text, 'thisUpdate')).toThrow(
      new RegExp(`^thisUpdate "${text.replace('+', '\\+').replace('.', '\\.')}"`),
    );
  });
});

describe('readCert and certificate times', () => {
  it('refuses a certificate whose notBefore is out of range, or keeps it with the reason when asked', async () => {
    const ctx = ctxAt(new Date('2026-03-01T12:00:00Z'));
    const root = await makeRoot(ctx);
    const der = await retimed(root.cert.der, { notBefore: '261301000000Z' }, root.key.signingKey);
    expect(() => readCert(der)).toThrow(/^notBefore "261301000000Z" is not a valid time: month 13/);
    const kept = readCert(der, 'keep');
    expect(kept.timeError).toMatch(/^notBefore "261301000000Z"/);
    expect(Number.isNaN(kept.notBefore.getTime())).toBe(true);
    expect(kept.notAfter.getTime()).toBe(readCert(root.cert.der).notAfter.getTime());
    expect(readCert(root.cert.der).timeError).toBeNull();
  });
});

describe('serialValue', () => {
  it('reads content octets as the same integer as their hex text, at every length', () => {
    for (let n = 0; n <= 21; n++) {
      const octets = Uint8Array.from({ length: n }, (_, i) => (i * 37 + 0x80) & 0xff);
      const text = Buffer.from(octets).toString('hex');
      expect(serialValue(octets)).toBe(serialValue(text));
      expect(serialValue(octets)).toBe(n === 0 ? 0n : BigInt(`0x${text}`));
    }
  });
});

describe('serialOctets', () => {
  it('finds the serial readCert reads, and leaves anything that is not a certificate to readCert', async () => {
    const ctx = ctxAt(new Date('2026-03-01T12:00:00Z'));
    const root = await makeRoot(ctx);
    const leaf = await makeLeaf(ctx, root, 'server', 'api.example', [{ type: 'dns', value: 'api.example' }]);
    for (const der of [root.cert.der, leaf.cert.der])
      expect(Buffer.from(serialOctets(der)).equals(Buffer.from(readCert(der).serial))).toBe(true);
    expect(() => serialOctets(Uint8Array.of(0x30, 0x03, 0x02, 0x01, 0x05))).toThrow(/not a valid X.509/);
  });
});
