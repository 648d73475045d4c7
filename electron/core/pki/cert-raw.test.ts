import { describe, expect, it } from 'vitest';
import { parseTime, readCert, serialOctets } from './cert-raw';
import { readTlv } from './der';
import { serialValue } from './serial';
import { ctxAt, makeLeaf, makeRoot } from './testing/fixtures';

const timeOf = (tag: number, text: string): Date => {
  const bytes = new TextEncoder().encode(text);
  const der = Uint8Array.of(tag, bytes.length, ...bytes);
  return parseTime(der, readTlv(der, 0));
};

describe('parseTime', () => {
  it('reads the forms RFC 5280 prescribes, UTCTime years 50–99 in the 1900s', () => {
    expect(timeOf(0x17, '261204013058Z').toISOString()).toBe('2026-12-04T01:30:58.000Z');
    expect(timeOf(0x17, '491231235959Z').toISOString()).toBe('2049-12-31T23:59:59.000Z');
    expect(timeOf(0x17, '500101000000Z').toISOString()).toBe('1950-01-01T00:00:00.000Z');
    expect(timeOf(0x18, '20500101000000Z').toISOString()).toBe('2050-01-01T00:00:00.000Z');
  });

  it('still reads the looser forms other writers use, and refuses anything else', () => {
    expect(timeOf(0x17, '2612040130Z').toISOString()).toBe('2026-12-04T01:30:00.000Z');
    expect(timeOf(0x18, '20261204013058.123Z').toISOString()).toBe('2026-12-04T01:30:58.000Z');
    expect(() => timeOf(0x17, '26120401305aZ')).toThrow(/unsupported time encoding/);
    expect(() => timeOf(0x18, '20261204013058+0100')).toThrow(/unsupported time encoding/);
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
