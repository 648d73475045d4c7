import type { Settings } from '../../../../shared/domain/types';

/** The form edits numbers as strings so a half-typed value is not coerced while typing. */
export interface SettingsDraft {
  critical: string;
  warning: string;
  notice: string;
  server: string;
  client: string;
  service: string;
  intermediate: string;
  root: string;
  defaultKeyAlgorithm: Settings['defaultKeyAlgorithm'];
  autoLockMinutes: string;
  theme: Settings['theme'];
  crlNextUpdateDays: string;
}

export type DraftErrors = Partial<Record<keyof SettingsDraft, string>>;

export function toDraft(s: Settings): SettingsDraft {
  return {
    critical: String(s.thresholds.critical),
    warning: String(s.thresholds.warning),
    notice: String(s.thresholds.notice),
    ...(Object.fromEntries(Object.entries(s.defaultValidityDays).map(([k, v]) => [k, String(v)])) as Record<
      keyof Settings['defaultValidityDays'],
      string
    >),
    defaultKeyAlgorithm: s.defaultKeyAlgorithm,
    autoLockMinutes: String(s.autoLockMinutes),
    theme: s.theme,
    crlNextUpdateDays: String(s.crlNextUpdateDays),
  };
}

function int(v: string): number | null {
  return /^\d+$/.test(v.trim()) ? Number(v.trim()) : null;
}

/** Validates the draft with the same bounds as the settings:set schema; errors name the rule broken. */
export function fromDraft(d: SettingsDraft): { settings: Settings | null; errors: DraftErrors } {
  const errors: DraftErrors = {};
  const num = (key: keyof SettingsDraft, min: number, max: number, what: string): number => {
    const n = int(d[key]);
    if (n === null || n < min || n > max)
      errors[key] = `${what} must be a whole number from ${min} to ${max}.`;
    return n ?? 0;
  };
  const critical = num('critical', 0, 3650, 'Critical threshold (days)');
  const warning = num('warning', 0, 3650, 'Warning threshold (days)');
  const notice = num('notice', 0, 3650, 'Notice threshold (days)');
  if (!errors.critical && !errors.warning && critical > warning)
    errors.warning = 'The warning threshold must be at least the critical one.';
  if (!errors.warning && !errors.notice && warning > notice)
    errors.notice = 'The notice threshold must be at least the warning one.';
  const validity = {
    server: num('server', 1, 36500, 'Server validity (days)'),
    client: num('client', 1, 36500, 'Client validity (days)'),
    service: num('service', 1, 36500, 'Service validity (days)'),
    intermediate: num('intermediate', 1, 36500, 'Intermediate CA validity (days)'),
    root: num('root', 1, 36500, 'Root CA validity (days)'),
  };
  const autoLockMinutes = num('autoLockMinutes', 0, 1440, 'Auto-lock (minutes)');
  const crlNextUpdateDays = num('crlNextUpdateDays', 1, 3650, 'CRL next update (days)');
  if (Object.keys(errors).length) return { settings: null, errors };
  return {
    settings: {
      thresholds: { critical, warning, notice },
      defaultValidityDays: validity,
      defaultKeyAlgorithm: d.defaultKeyAlgorithm,
      autoLockMinutes,
      theme: d.theme,
      crlNextUpdateDays,
    },
    errors,
  };
}
