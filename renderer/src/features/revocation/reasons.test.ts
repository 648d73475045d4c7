import { describe, expect, it } from 'vitest';
import { REVOCATION_REASONS } from '../../../../shared/domain/types';
import { REASON_HELP, REASON_LABELS, revocationDateInput } from './reasons';

describe('revocation form', () => {
  it('labels and explains every RFC 5280 reason code', () => {
    for (const r of REVOCATION_REASONS) {
      expect(REASON_LABELS[r].length).toBeGreaterThan(0);
      expect(REASON_HELP[r].length).toBeGreaterThan(0);
    }
  });

  it('leaves an empty date to main (now) and sends a typed one as an ISO instant in whole seconds', () => {
    expect(revocationDateInput('  ')).toEqual({ ok: true, value: undefined });
    const r = revocationDateInput('2026-11-20T08:30');
    expect(r.ok && r.value).toBe(new Date('2026-11-20T08:30').toISOString());
    expect(r.ok && r.value?.endsWith('.000Z')).toBe(true);
    expect(revocationDateInput('not a date')).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/date and time/),
    });
  });
});
