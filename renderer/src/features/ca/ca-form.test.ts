import { describe, expect, it } from 'vitest';
import { describeDays, EMPTY_NC, parseNameConstraints, parsePathLen, parseValidityDays } from './ca-form';

describe('CA form parsing', () => {
  it('leaves name constraints out entirely when every list is empty', () => {
    expect(parseNameConstraints(EMPTY_NC)).toEqual({ spec: undefined, errors: {} });
  });

  it('collects one entry per line or comma into the matching constraint list', () => {
    const r = parseNameConstraints({
      ...EMPTY_NC,
      'permitted-dns': 'internal.example.com\n.svc.cluster.local',
      'permitted-ip': '10.0.0.0/8, fd00::/8',
      'excluded-email': 'example.org',
      'permitted-uri': '.example.org',
    });
    expect(r.errors).toEqual({});
    expect(r.spec).toEqual({
      permittedDns: ['internal.example.com', '.svc.cluster.local'],
      permittedIp: ['10.0.0.0/8', 'fd00::/8'],
      excludedEmail: ['example.org'],
      permittedUri: ['.example.org'],
    });
  });

  it('names the bad entry: an IP without a prefix, a wildcard DNS constraint, a full URI', () => {
    const r = parseNameConstraints({
      ...EMPTY_NC,
      'permitted-ip': '10.0.0.1',
      'excluded-dns': '*.example.com',
      'permitted-uri': 'https://example.org/x',
    });
    expect(r.errors['permitted-ip']).toMatch(/"10.0.0.1" is not an IP range/);
    expect(r.errors['excluded-dns']).toMatch(/wildcard/);
    expect(r.errors['permitted-uri']).toMatch(/not a full URI/);
  });

  it('accepts an empty path length as "no limit" and refuses anything but 0–16', () => {
    expect(parsePathLen(' ')).toEqual({ ok: true, value: null });
    expect(parsePathLen('0')).toEqual({ ok: true, value: 0 });
    expect(parsePathLen('-1').ok).toBe(false);
    expect(parsePathLen('17').ok).toBe(false);
  });

  it('bounds validity days as the IPC schema does and describes them in years', () => {
    expect(parseValidityDays('3650')).toEqual({ ok: true, value: 3650 });
    expect(parseValidityDays('0').ok).toBe(false);
    expect(parseValidityDays('36501').ok).toBe(false);
    expect(describeDays(3650)).toBe('3650 days ≈ 10 years');
    expect(describeDays(90)).toBe('90 days');
  });
});
