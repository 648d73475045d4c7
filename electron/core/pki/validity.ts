/** Validity windows: whole seconds, backdated notBefore, never past the issuer's notAfter. */
import { AppError } from '../../../shared/ipc/error-codes';
import type { ValiditySpec } from './types';

/** Clock skew allowance between this workstation and relying parties. */
export const BACKDATE_MS = 5 * 60 * 1000;
const DAY_MS = 86_400_000;

export interface ResolvedValidity {
  notBefore: Date;
  notAfter: Date;
  note?: string;
}

/** RFC 5280 §4.1.2.5: no fractional seconds (GeneralizedTime from 2050 would otherwise carry them). */
export const wholeSeconds = (d: Date): Date => new Date(Math.floor(d.getTime() / 1000) * 1000);

/**
 * notBefore = now − 5 min, whole seconds (not before the issuer's notBefore); notAfter from the spec
 * (default `defaultDays`), never beyond `issuerNotAfter`: VALIDITY_EXCEEDS_ISSUER, or clamped with a note
 * when `clamp` is true.
 */
export function resolveValidity(
  spec: ValiditySpec | undefined,
  now: Date,
  defaultDays: number,
  issuerWindow: { notBefore: Date; notAfter: Date } | Date | null,
  clamp = false,
): ResolvedValidity {
  // a bare Date is the issuer's notAfter (the first published signature)
  const issuer =
    issuerWindow instanceof Date ? { notBefore: new Date(0), notAfter: issuerWindow } : issuerWindow;
  const given = [spec?.days, spec?.hours, spec?.notAfter].filter((v) => v !== undefined).length;
  if (given > 1) throw new AppError('INVALID_VALIDITY', 'give exactly one of days, hours or notAfter');
  let notAfter: Date;
  if (spec?.notAfter !== undefined) {
    notAfter = new Date(spec.notAfter);
    if (Number.isNaN(notAfter.getTime()))
      throw new AppError('INVALID_VALIDITY', `notAfter "${String(spec.notAfter)}" is not a date`);
  } else if (spec?.hours !== undefined) {
    if (!(spec.hours > 0)) throw new AppError('INVALID_VALIDITY', 'hours must be positive');
    notAfter = new Date(now.getTime() + spec.hours * 3_600_000);
  } else {
    const days = spec?.days ?? defaultDays;
    if (!(days > 0)) throw new AppError('INVALID_VALIDITY', 'days must be positive');
    notAfter = new Date(now.getTime() + days * DAY_MS);
  }
  notAfter = wholeSeconds(notAfter);
  if (notAfter.getTime() <= now.getTime())
    throw new AppError('INVALID_VALIDITY', `notAfter ${notAfter.toISOString()} is not in the future`);
  let notBefore = wholeSeconds(new Date(now.getTime() - BACKDATE_MS));
  let note: string | undefined;
  if (issuer) {
    if (now.getTime() > issuer.notAfter.getTime()) {
      throw new AppError(
        'VALIDITY_EXCEEDS_ISSUER',
        `the issuing CA expired on ${issuer.notAfter.toISOString()}`,
      );
    }
    if (notBefore < issuer.notBefore) notBefore = wholeSeconds(issuer.notBefore);
    if (notAfter > issuer.notAfter) {
      if (!clamp) {
        throw new AppError(
          'VALIDITY_EXCEEDS_ISSUER',
          `requested notAfter ${notAfter.toISOString()} is after the issuing CA's notAfter ${issuer.notAfter.toISOString()}; shorten the validity or ask to clamp it`,
        );
      }
      notAfter = wholeSeconds(issuer.notAfter);
      note = `Validity shortened to the issuing CA's notAfter (${notAfter.toISOString()}).`;
    }
  }
  return note ? { notBefore, notAfter, note } : { notBefore, notAfter };
}
