import type { Handlers } from '../../shared/ipc/contract';
import type { AuditVerifyResult } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';

export function createAuditHandlers(
  ctx: ServiceContext,
): Pick<Handlers, 'audit:list' | 'audit:verify' | 'audit:acknowledge' | 'audit:breaks'> {
  const log = () => {
    // Reading the audit trail requires the vault to be unlocked: it lists what this PKI issued.
    ctx.session.unlocked();
    const l = ctx.audit.log();
    if (!l) throw new AppError('NO_VAULT', 'No vault is open');
    return l;
  };
  return {
    'audit:list': async ({ operation, limit }) =>
      log().list({ ...(operation ? { operation } : {}), ...(limit ? { limit } : {}) }),
    // The head recorded inside the authenticated vault catches a truncated or rewritten file tail; breaks
    // found before appends stay reported until acknowledged (and are always listed).
    'audit:verify': async (): Promise<AuditVerifyResult> => {
      const { inventory } = ctx.session.unlocked();
      const { walk: _walk, ...check } = await log().verify(inventory.auditHead);
      void _walk;
      const breaks = inventory.auditBreaks.map((b) => ({ ...b }));
      const open = breaks.filter((b) => !b.acknowledged);
      if (!check.ok || open.length === 0) return { ...check, breaks };
      const b = open[0]!;
      return {
        ok: false,
        entries: check.entries,
        brokenAt: b.lastVerified.count + 1,
        message:
          `The audit chain was broken (found ${b.at}): ${b.reason} The damaged log is kept as ${b.keptAs}; ` +
          `the current segment continues after entry ${b.lastVerified.count}. ` +
          `Acknowledge break ${b.id} once reviewed.` +
          (open.length > 1 ? ` ${open.length - 1} more unacknowledged break(s).` : ''),
        breaks,
      };
    },
    'audit:breaks': async () => ctx.session.unlocked().inventory.auditBreaks.map((b) => ({ ...b })),
    // Acknowledging silences the warning everywhere, so main asks the operator, naming the break.
    'audit:acknowledge': async ({ id }) => {
      const brk = ctx.session.writable().inventory.auditBreaks.find((b) => b.id === id);
      if (brk && !brk.acknowledged) {
        const confirmed = await ctx.dialogs.confirm({
          message: `Acknowledge the audit chain break found ${brk.at}?`,
          detail:
            `${brk.reason} The damaged log stays kept as ${brk.keptAs}. The acknowledgement is recorded in the ` +
            'audit log and the break stays listed by a full verification.',
          confirmLabel: 'Acknowledge break',
        });
        if (!confirmed)
          throw new AppError('CANCELLED', 'The audit break was not acknowledged: it is still reported');
      }
      return ctx.audit.acknowledge(id);
    },
  };
}
