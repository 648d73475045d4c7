import type { Handlers } from '../../shared/ipc/contract';
import type { AuditVerifyResult } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';

export function createAuditHandlers(
  ctx: ServiceContext,
): Pick<Handlers, 'audit:list' | 'audit:verify' | 'audit:acknowledge'> {
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
    'audit:acknowledge': async ({ id }) => ctx.audit.acknowledge(id),
  };
}
