import { describe, expect, it } from 'vitest';
import {
  addCnAsDns,
  appendPasted,
  canAddCnAsDns,
  checkRows,
  makeRow,
  rowErrors,
  rowsToSans,
} from './san-rows';

describe('SAN row model', () => {
  it('flags a bad DNS label on its own row and leaves good rows clean', () => {
    const rows = [
      makeRow('dns', 'user-service'),
      makeRow('dns', 'bad_name.internal'),
      makeRow('ip', '127.0.0.1'),
    ];
    const checks = checkRows(rows);
    expect(checks.map((c) => c.error === null)).toEqual([true, false, true]);
    expect(checks[1]?.error).toMatch(/bad label "bad_name"/);
    expect(checks[1]?.id).toBe(rows[1]?.id);
  });

  it('flags the second of two equal entries as a duplicate of the first row, case-insensitively for DNS', () => {
    const rows = [makeRow('dns', 'localhost'), makeRow('dns', 'LOCALHOST')];
    expect(checkRows(rows)[1]?.error).toMatch(/duplicate of row 1/);
  });

  it('ignores blank scratch rows for validation and submission', () => {
    const rows = [makeRow('dns', ''), makeRow('dns', 'user-service'), makeRow('ip', '  ')];
    expect(rowErrors(rows)).toEqual([]);
    expect(rowsToSans(rows)).toEqual([{ type: 'dns', value: 'user-service' }]);
  });

  it('numbers duplicates by submitted entry, not counting blank rows', () => {
    const rows = [makeRow('dns', ''), makeRow('dns', 'a.example'), makeRow('dns', 'a.example')];
    expect(checkRows(rows)[2]?.error).toMatch(/duplicate of row 1/);
  });

  it('rejects an IP address typed as a DNS SAN with the reason', () => {
    expect(rowErrors([makeRow('dns', '127.0.0.1')])[0]).toMatch(/add it as an IP SAN/);
  });

  it('turns pasted openssl syntax and bare entries into typed rows, replacing blank rows', () => {
    const rows = appendPasted(
      [makeRow('dns', '')],
      'DNS:user-service,DNS:user-service.internal\nlocalhost 127.0.0.1 spiffe://example.org/billing ops@example.org',
    );
    expect(rowsToSans(rows)).toEqual([
      { type: 'dns', value: 'user-service' },
      { type: 'dns', value: 'user-service.internal' },
      { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '127.0.0.1' },
      { type: 'uri', value: 'spiffe://example.org/billing' },
      { type: 'email', value: 'ops@example.org' },
    ]);
    expect(rows).toHaveLength(6);
  });

  it('offers the CN as a DNS SAN only when it is a valid host name not already listed', () => {
    expect(canAddCnAsDns([makeRow('dns', '')], 'user-service')).toBe(true);
    expect(canAddCnAsDns([makeRow('dns', 'User-Service')], 'user-service')).toBe(false);
    expect(canAddCnAsDns([], 'My Service')).toBe(false);
    expect(canAddCnAsDns([], '  ')).toBe(false);
    const rows = addCnAsDns([makeRow('dns', ''), makeRow('ip', '127.0.0.1')], ' user-service ');
    expect(rowsToSans(rows)).toEqual([
      { type: 'dns', value: 'user-service' },
      { type: 'ip', value: '127.0.0.1' },
    ]);
  });
});
