import { describe, expect, it } from 'vitest';
import {
  colonHex,
  daysText,
  formatDate,
  formatDateTime,
  isoInstant,
  splitHexRuns,
  splitInstants,
  splitWrapPoints,
  zoneName,
} from './format';

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
  it('prints serials and fingerprints like openssl: upper case, colon between bytes, whole bytes', () => {
    expect(colonHex('0a1bff')).toBe('0A:1B:FF');
    expect(colonHex('0A:1b:ff')).toBe('0A:1B:FF');
    expect(colonHex('abc')).toBe('0A:BC');
  });
  it('prints date-times in local time to the minute with the zone named', () => {
    expect(formatDateTime('2027-01-15T12:34:56.000Z', 'UTC')).toBe('2027-01-15 12:34 UTC');
    expect(formatDateTime('2027-01-15T23:34:56.000Z', 'Europe/Berlin')).toBe('2027-01-16 00:34 GMT+1');
    expect(formatDate('2027-01-15T23:34:56.000Z', 'Europe/Berlin')).toBe('2027-01-16');
    expect(formatDateTime(null)).toBe('—');
    expect(zoneName('2027-01-15T23:34:56.000Z', 'Europe/Berlin')).toBe('GMT+1');
    expect(zoneName('2027-07-15T23:34:56.000Z', 'UTC')).toBe('UTC');
  });
  it('keeps one formatter per zone: alternating zones never shows one zone under the other', () => {
    for (let i = 0; i < 2; i++) {
      expect(formatDateTime('2027-07-15T23:34:56.000Z', 'Asia/Tokyo')).toBe('2027-07-16 08:34 GMT+9');
      expect(formatDateTime('2027-07-15T23:34:56.000Z', 'UTC')).toBe('2027-07-15 23:34 UTC');
    }
  });
  it('keeps the exact instant for tooltips and copies', () => {
    expect(isoInstant('2027-01-15T12:34:56.000Z')).toBe('2027-01-15T12:34:56Z');
  });
  it('finds every ISO instant that main quotes in a message, keeping the text around them', () => {
    expect(splitInstants('revoked on 2026-12-04T01:40:58.000Z (keyCompromise)')).toEqual([
      { text: 'revoked on ' },
      { iso: '2026-12-04T01:40:58.000Z' },
      { text: ' (keyCompromise)' },
    ]);
    expect(splitInstants('from 2026-01-01T00:00:00Z to 2027-01-01T00:00+01:00')).toEqual([
      { text: 'from ' },
      { iso: '2026-01-01T00:00:00Z' },
      { text: ' to ' },
      { iso: '2027-01-01T00:00+01:00' },
    ]);
    expect(splitInstants('valid self-signature')).toEqual([{ text: 'valid self-signature' }]);
    expect(splitInstants('serial 2026-12-04 only')).toEqual([{ text: 'serial 2026-12-04 only' }]);
  });
  it('finds the colon-grouped bytes that an extension line quotes, keeping the text around them', () => {
    expect(splitHexRuns('keyid:74:12:B7:94:5E:AA')).toEqual([
      { text: 'keyid:' },
      { hex: '74:12:B7:94:5E:AA' },
    ]);
    expect(splitHexRuns('8A:5B:E5:8A:14')).toEqual([{ hex: '8A:5B:E5:8A:14' }]);
    // Times, IPv6 addresses and URIs are not bytes.
    for (const line of ['not before 09:00:00', 'IP:2001:db8::1', 'URI:http://crl.example/ca.crl'])
      expect(splitHexRuns(line)).toEqual([{ text: line }]);
  });
  it('lets paths, host names and digests break after their separators and between bytes, nowhere else', () => {
    const pieces = (text: string): string[] =>
      splitWrapPoints(text).flatMap((p) => ('text' in p ? [p.text] : []));
    const digest = '9590a8c82d3f8a9c80922f414bb524e5a2be98f72c83b08e8426ec22176dff2e';
    const detail = `CRL #1 as PEM (file SHA-256 ${digest}) to /tmp/api-gateway.prod.eu-west-1/ca.crl.pem`;
    expect(
      splitWrapPoints(detail)
        .map((p) => ('text' in p ? p.text : '|'))
        .join(''),
    ).toBe(
      `CRL #1 as PEM (file SHA-|256 ${digest.match(/../g)!.join('|')}) to /|tmp/|api-|gateway.|prod.|eu-|west-|1/|ca.|crl.|pem`,
    );
    expect(pieces(detail).join('')).toBe(detail);
    expect(pieces('O=CertDesk e2e, CN=gateway.example.com')).toEqual([
      'O=CertDesk e2e, CN=gateway.',
      'example.',
      'com',
    ]);
    expect(pieces('C:\\ca\\root.crt')).toEqual(['C:\\', 'ca\\', 'root.', 'crt']);
    // Certificate ids (16 hex digits), odd-length runs and sentences keep their words whole.
    for (const text of ['renew 3f2a9b0c1d2e3f40', `${digest}0`, 'Done. Next, the CRL'])
      expect(pieces(text)).toEqual([text]);
  });
});
