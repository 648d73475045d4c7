import { describe, expect, it } from 'vitest';
import { content, decodeOid, oid, readTlv } from './der';

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
