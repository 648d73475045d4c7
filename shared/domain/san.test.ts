import { describe, expect, it } from 'vitest';
import { AppError } from '../ipc/error-codes';
import { assertValidSans, parseOpensslSan, parseSanLines, validateSan, validateSans } from './san';
import { formatIp, parseCidr, parseIp } from './san-ip';
import type { San } from './types';

const reason = (san: San): string => {
  const r = validateSan(san);
  return r.ok ? 'OK' : r.reason;
};

describe('validateSan', () => {
  it('accepts the seed SANs and common good entries', () => {
    const good: San[] = [
      { type: 'dns', value: 'user-service' },
      { type: 'dns', value: 'user-service.internal' },
      { type: 'dns', value: '*.svc.cluster.local' },
      { type: 'ip', value: '127.0.0.1' },
      { type: 'ip', value: '::1' },
      { type: 'ip', value: 'fd00:1234::10' },
      { type: 'ip', value: '::ffff:10.0.0.1' },
      { type: 'uri', value: 'spiffe://example.org/ns/prod/sa/billing' },
      { type: 'uri', value: 'https://example.com/x' },
      { type: 'email', value: 'ops@example.com' },
    ];
    for (const s of good) expect(reason(s), s.value).toBe('OK');
  });

  it('names the entry and the rule for each kind of bad SAN', () => {
    expect(reason({ type: 'dns', value: 'bad_label.example' })).toMatch(
      /DNS:bad_label.example has a bad label "bad_label"/,
    );
    expect(reason({ type: 'dns', value: 'a.*.example' })).toMatch(
      /wildcard that is not the whole left-most label/,
    );
    expect(reason({ type: 'dns', value: 'w*.example' })).toMatch(
      /wildcard that is not the whole left-most label/,
    );
    expect(reason({ type: 'dns', value: '10.0.0.1' })).toMatch(/is an IP address: add it as an IP SAN/);
    expect(reason({ type: 'dns', value: 'fd00::1' })).toMatch(/is an IP address: add it as an IP SAN/);
    // Not a valid address, and not a host name either: a numeric top label is an address typo.
    expect(reason({ type: 'dns', value: '999.1.1.1' })).toMatch(
      /DNS:999.1.1.1 ends in the all-digit label "1"/,
    );
    expect(reason({ type: 'dns', value: 'host.123' })).toMatch(/all-digit label "123"/);
    expect(reason({ type: 'dns', value: '10.0.0.1.example' })).toBe('OK');
    expect(reason({ type: 'dns', value: '3com.example' })).toBe('OK');
    expect(reason({ type: 'dns', value: 'a..b' })).toMatch(/empty label/);
    expect(reason({ type: 'dns', value: '-a.b' })).toMatch(/bad label/);
    expect(reason({ type: 'dns', value: `${'a'.repeat(64)}.b` })).toMatch(/longer than 63/);
    expect(reason({ type: 'ip', value: '256.1.1.1' })).toMatch(
      /IP:256.1.1.1 is not a valid IPv4 or IPv6 address/,
    );
    expect(reason({ type: 'ip', value: '01.2.3.4' })).toMatch(/not a valid/);
    expect(reason({ type: 'ip', value: '1::2::3' })).toMatch(/not a valid/);
    expect(reason({ type: 'ip', value: 'fe80::1%eth0' })).toMatch(/not a valid/);
    expect(reason({ type: 'uri', value: '/relative/path' })).toMatch(
      /URI:\/relative\/path is a relative URI/,
    );
    expect(reason({ type: 'uri', value: 'spiffe://Example.org/a' })).toMatch(
      /malformed SPIFFE ID: trust domain "Example.org"/,
    );
    expect(reason({ type: 'uri', value: 'spiffe://example.org' })).toMatch(
      /malformed SPIFFE ID: a workload ID needs a path/,
    );
    expect(reason({ type: 'uri', value: 'spiffe://example.org/a//b' })).toMatch(
      /malformed SPIFFE ID: empty path segment/,
    );
    expect(reason({ type: 'uri', value: 'spiffe://example.org:8080/a' })).toMatch(/malformed SPIFFE ID/);
    expect(reason({ type: 'uri', value: 'SPIFFE://example.org/a' })).toMatch(/malformed SPIFFE ID/);
    expect(reason({ type: 'email', value: 'nobody' })).toMatch(/email:nobody is not an email address/);
    expect(reason({ type: 'email', value: 'a@b_c.com' })).toMatch(/domain that has a bad label/);
    expect(reason({ type: 'dns', value: ' a.b' })).toMatch(/leading or trailing spaces/);
    expect(reason({ type: 'dns', value: 'bücher.example' })).toMatch(/non-ASCII label "bücher".*punycode/);
    expect(reason({ type: 'dns', value: 'xn--bcher-kva.example' })).toBe('OK');
  });
});

describe('validateSans', () => {
  it('flags duplicates per row, case-insensitively for DNS and by bytes for IPs', () => {
    const res = validateSans([
      { type: 'dns', value: 'a.example' },
      { type: 'dns', value: 'A.example' },
      { type: 'ip', value: '::1' },
      { type: 'ip', value: '0:0:0:0:0:0:0:1' },
      { type: 'ip', value: '10.0.0.1' },
    ]);
    expect(res.map((r) => r.ok)).toEqual([true, false, true, false, true]);
    expect(res[1]).toEqual({ ok: false, reason: 'DNS:A.example is a duplicate of row 1' });
  });
  it('assertValidSans throws INVALID_SAN', () => {
    expect(() => assertValidSans([{ type: 'dns', value: 'x y' }])).toThrow(AppError);
    try {
      assertValidSans([{ type: 'uri', value: 'nope' }]);
    } catch (e) {
      expect((e as AppError).code).toBe('INVALID_SAN');
    }
  });
});

describe('parseOpensslSan', () => {
  it('parses the seed server.ext SAN line', () => {
    expect(
      parseOpensslSan(
        'DNS:user-service,DNS:user-service.internal,DNS:localhost,IP:127.0.0.1, URI:spiffe://td/x, email:a@b.c',
      ),
    ).toEqual([
      { type: 'dns', value: 'user-service' },
      { type: 'dns', value: 'user-service.internal' },
      { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '127.0.0.1' },
      { type: 'uri', value: 'spiffe://td/x' },
      { type: 'email', value: 'a@b.c' },
    ]);
  });
  it('rejects unknown prefixes, bad entries and duplicates with INVALID_SAN', () => {
    for (const t of ['foo:bar', 'user-service', 'IP:1.2.3', 'DNS:a,DNS:a']) {
      expect(() => parseOpensslSan(t), t).toThrow(expect.objectContaining({ code: 'INVALID_SAN' }));
    }
  });
});

describe('parseSanLines', () => {
  it('splits pasted text, honours prefixes and guesses types', () => {
    const rows = parseSanLines(
      'user-service\n10.0.0.1, ::1\nURI:spiffe://td/svc\nops@example.com; DNS:user-service',
    );
    expect(rows.map((r) => r.san.type)).toEqual(['dns', 'ip', 'ip', 'uri', 'email', 'dns']);
    expect(rows.map((r) => r.check.ok)).toEqual([true, true, true, true, true, false]);
  });
});

describe('ip helpers', () => {
  it('parses and formats addresses and CIDRs', () => {
    expect(parseIp('127.0.0.1')).toEqual(new Uint8Array([127, 0, 0, 1]));
    expect(formatIp(parseIp('fd00:0:0:0:0:0:0:10')!)).toBe('fd00::10');
    expect(parseCidr('10.1.2.3/8')).toEqual({
      address: new Uint8Array([10, 0, 0, 0]),
      mask: new Uint8Array([255, 0, 0, 0]),
    });
    expect(parseCidr('10.0.0.0/33')).toBeNull();
  });
});
