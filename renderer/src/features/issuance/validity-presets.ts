/** Validity presets of the issuance wizard (product.md §3) and their translation to the IPC validity input. */

export const VALIDITY_PRESETS = ['24h', '7d', '30d', '90d', '397d', '1y', 'custom'] as const;
export type ValidityPreset = (typeof VALIDITY_PRESETS)[number];

export const PRESET_LABELS: Record<ValidityPreset, string> = {
  '24h': '24 hours',
  '7d': '7 days',
  '30d': '30 days',
  '90d': '90 days',
  // 397 days: the CA/Browser Forum ceiling for TLS server certificates, which Apple platforms also apply.
  '397d': '397 days',
  '1y': '1 year',
  custom: 'Custom',
};

export interface ValidityChoice {
  preset: ValidityPreset;
  /** text of the custom-days field (kept as typed so the field can show what is wrong) */
  customDays: string;
}

export type ValidityInput = { days: number } | { hours: number };

/** Upper bound of the IPC schema (validitySchema.days). */
export const MAX_DAYS = 36500;

export type ValidityParse = { ok: true; value: ValidityInput } | { ok: false; reason: string };

export function validityInput(choice: ValidityChoice): ValidityParse {
  switch (choice.preset) {
    case '24h':
      return { ok: true, value: { hours: 24 } };
    case '7d':
      return { ok: true, value: { days: 7 } };
    case '30d':
      return { ok: true, value: { days: 30 } };
    case '90d':
      return { ok: true, value: { days: 90 } };
    case '397d':
      return { ok: true, value: { days: 397 } };
    case '1y':
      return { ok: true, value: { days: 365 } };
    case 'custom': {
      const text = choice.customDays.trim();
      if (!/^\d+$/.test(text))
        return { ok: false, reason: 'Enter the number of days as a whole number, e.g. 180' };
      const days = Number(text);
      if (days < 1) return { ok: false, reason: 'Validity must be at least 1 day' };
      if (days > MAX_DAYS) return { ok: false, reason: `Validity can be at most ${MAX_DAYS} days` };
      return { ok: true, value: { days } };
    }
  }
}

/** The preset matching a settings default (e.g. 397 → "397d"); anything else becomes a custom value. */
export function choiceForDays(days: number): ValidityChoice {
  const exact: Partial<Record<number, ValidityPreset>> = {
    7: '7d',
    30: '30d',
    90: '90d',
    397: '397d',
    365: '1y',
  };
  const preset = exact[days];
  return preset ? { preset, customDays: '' } : { preset: 'custom', customDays: String(days) };
}
