import { describe, expect, it } from 'vitest';
import { formatIp, parseIp } from './san-ip';
import { sanLabel, sanListLabel } from './san-text';

describe('SAN display', () => {
  it('prints each type with the prefix --san accepts (email: in lower case, as openssl writes it)', () => {
    expect(
      sanListLabel([
        { type: 'dns', value: 'api' },
        { type: 'ip', value: '10.0.0.1' },
        { type: 'uri', value: 'spiffe://example.org/a' },
        { type: 'email', value: 'ops@example.org' },
      ]),
    ).toBe('DNS:api, IP:10.0.0.1, URI:spiffe://example.org/a, email:ops@example.org');
    expect(sanLabel({ type: 'email', value: 'a@b' })).toBe('email:a@b');
  });

  it('keeps the dotted quad of an IPv4-mapped IPv6 address (RFC 5952 §5)', () => {
    const bytes = parseIp('::ffff:10.0.0.1');
    expect(bytes).not.toBeNull();
    expect(formatIp(bytes ?? new Uint8Array())).toBe('::ffff:10.0.0.1');
    expect(formatIp(parseIp('::ffff:a00:1') ?? new Uint8Array())).toBe('::ffff:10.0.0.1');
    expect(formatIp(parseIp('fd00::1') ?? new Uint8Array())).toBe('fd00::1');
    expect(formatIp(parseIp('::1') ?? new Uint8Array())).toBe('::1');
  });
});
