import type { Handlers } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';

export function createAuditHandlers(ctx: ServiceContext): Pick<Handlers, 'audit:list' | 'audit:verify'> {
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
    // The head recorded inside the authenticated vault catches a truncated or rewritten file tail.
    'audit:verify': async () => log().verify(ctx.session.unlocked().inventory.auditHead ?? undefined),
  };
}
