import { describe, expect, it } from 'vitest';
import { content, decodeOid, oid, readTlv, utf8Text } from './der';

const roundTrip = (dotted: string): string => {
  const der = oid(dotted);
  return decodeOid(content(der, readTlv(der, 0)));
};

describe('decodeOid', () => {
  it('reads back every OID the encoder writes, from short arcs to 128-bit UUID arcs', () => {
    for (const dotted of [
      '0.0',
      '0.39',
      '1.2.840.113549.1.1.11',
      '2.5.29.17',
      '2.999',
      '2.999.1',
      '1.3.6.1.4.1.311.21.7',
      '1.2.9007199254740991',
      '1.2.9007199254740992.5',
      '2.25.329800735698586629295641978511506172918',
      '2.340282366920938463463374607431768211535',
    ])
      expect(roundTrip(dotted)).toBe(dotted);
  });
});

describe('decodeOid remembers what it decoded', () => {
  it('gives the same text on every read of an OID, and for prefixes and extensions of it', () => {
    for (let round = 0; round < 3; round++) {
      expect(roundTrip('2.5.29.17')).toBe('2.5.29.17');
      expect(roundTrip('2.5.29')).toBe('2.5.29');
      expect(roundTrip('2.5.29.17.1')).toBe('2.5.29.17.1');
      expect(roundTrip('1.3.6.1.5.5.7.3.1')).toBe('1.3.6.1.5.5.7.3.1');
    }
  });
});

describe('utf8Text', () => {
  const decoder = new TextDecoder();
  it('reads text exactly as TextDecoder does, ASCII or not, with a byte-order mark or invalid bytes', () => {
    const samples = [
      '',
      'api.internal',
      'Zürich Ops',
      '\u{1F510} vault',
      'a'.repeat(65),
      `ü${'a'.repeat(70)}`,
    ].map((s) => new TextEncoder().encode(s));
    samples.push(
      Uint8Array.of(0xef, 0xbb, 0xbf, 0x41),
      Uint8Array.of(0x41, 0xff, 0x42),
      Uint8Array.of(0, 9, 0x7f),
    );
    for (const b of samples) expect(utf8Text(b)).toBe(decoder.decode(b));
    const framed = Uint8Array.of(0x30, 0x61, 0x62, 0xc3, 0xbc, 0x30);
    expect(utf8Text(framed, 1, 5)).toBe('abü');
  });
});
