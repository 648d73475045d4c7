import type { Handlers } from '../../shared/ipc/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';
import { persist } from './store';
import { record, RECORD } from './records';

/**
 * Settings live in the vault (they shape what gets issued). While locked, `settings:get` answers with the
 * last values seen this session (or the defaults) so the shell can still pick its theme.
 */
export function createSettingsHandlers(
  ctx: ServiceContext,
  onChange: (s: Settings) => void,
): Pick<Handlers, 'settings:get' | 'settings:set'> {
  let lastKnown: Settings = structuredClone(DEFAULT_SETTINGS);
  return {
    'settings:get': async () => {
      if (ctx.session.status().state === 'unlocked') lastKnown = ctx.session.unlocked().inventory.settings;
      return structuredClone(lastKnown);
    },
    'settings:set': async (patch) => {
      const { inventory } = ctx.session.writable();
      const next: Settings = {
        ...inventory.settings,
        ...(patch.thresholds ? { thresholds: { ...patch.thresholds } } : {}),
        ...(patch.defaultValidityDays ? { defaultValidityDays: { ...patch.defaultValidityDays } } : {}),
        ...(patch.defaultKeyAlgorithm ? { defaultKeyAlgorithm: patch.defaultKeyAlgorithm } : {}),
        ...(patch.autoLockMinutes !== undefined ? { autoLockMinutes: patch.autoLockMinutes } : {}),
        ...(patch.theme ? { theme: patch.theme } : {}),
        ...(patch.crlNextUpdateDays !== undefined ? { crlNextUpdateDays: patch.crlNextUpdateDays } : {}),
      };
      const t = next.thresholds;
      if (!(t.critical <= t.warning && t.warning <= t.notice)) {
        throw new AppError(
          'INVALID_INPUT',
          `Expiry thresholds must satisfy critical ≤ warning ≤ notice (got ${t.critical} / ${t.warning} / ${t.notice} days)`,
        );
      }
      await persist(ctx, [record(RECORD.settings, next)]);
      inventory.settings = next;
      lastKnown = next;
      await ctx.audit.record('settings.set', 'ok', { detail: Object.keys(patch).join(',') });
      onChange(next);
      return structuredClone(next);
    },
  };
}
