import { describe, expect, it } from 'vitest';
import { choiceForDays, validityInput } from './validity-presets';

describe('validity presets', () => {
  it('maps each preset to the IPC validity input', () => {
    expect(validityInput({ preset: '24h', customDays: '' })).toEqual({ ok: true, value: { hours: 24 } });
    expect(validityInput({ preset: '7d', customDays: '' })).toEqual({ ok: true, value: { days: 7 } });
    expect(validityInput({ preset: '30d', customDays: '' })).toEqual({ ok: true, value: { days: 30 } });
    expect(validityInput({ preset: '90d', customDays: '' })).toEqual({ ok: true, value: { days: 90 } });
    expect(validityInput({ preset: '397d', customDays: '' })).toEqual({ ok: true, value: { days: 397 } });
    expect(validityInput({ preset: '1y', customDays: '' })).toEqual({ ok: true, value: { days: 365 } });
  });

  it('accepts whole custom days within the schema bound and explains anything else', () => {
    expect(validityInput({ preset: 'custom', customDays: ' 180 ' })).toEqual({
      ok: true,
      value: { days: 180 },
    });
    expect(validityInput({ preset: 'custom', customDays: '' })).toMatchObject({
      ok: false,
      reason: /whole number/,
    });
    expect(validityInput({ preset: 'custom', customDays: '1.5' })).toMatchObject({
      ok: false,
      reason: /whole number/,
    });
    expect(validityInput({ preset: 'custom', customDays: '0' })).toMatchObject({
      ok: false,
      reason: /at least 1 day/,
    });
    expect(validityInput({ preset: 'custom', customDays: '36501' })).toMatchObject({
      ok: false,
      reason: /at most 36500/,
    });
  });

  it('picks the preset matching a settings default and falls back to custom days', () => {
    expect(choiceForDays(397)).toEqual({ preset: '397d', customDays: '' });
    expect(choiceForDays(365)).toEqual({ preset: '1y', customDays: '' });
    expect(choiceForDays(200)).toEqual({ preset: 'custom', customDays: '200' });
  });
});
