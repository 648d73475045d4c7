import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../../../shared/domain/types';
import { fromDraft, toDraft } from './settings-form';

describe('settings form', () => {
  it('round-trips the defaults', () => {
    expect(fromDraft(toDraft(DEFAULT_SETTINGS))).toEqual({ settings: DEFAULT_SETTINGS, errors: {} });
  });

  it('names the broken rule on the field: non-numbers, bounds and threshold order', () => {
    const d = { ...toDraft(DEFAULT_SETTINGS), critical: '40', server: 'abc', autoLockMinutes: '2000' };
    const { settings, errors } = fromDraft(d);
    expect(settings).toBeNull();
    expect(errors.warning).toMatch(/at least the critical/);
    expect(errors.server).toMatch(/whole number from 1 to 36500/);
    expect(errors.autoLockMinutes).toMatch(/0 to 1440/);
  });
});
