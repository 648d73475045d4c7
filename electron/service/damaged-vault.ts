import { basename } from 'node:path';
import type { VaultDamage } from '../core/vault';
import type { DamagedVaultChoice } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';

/**
 * The operator's choice for a vault refused as damaged. Only a choice main offered for this vault is taken
 * (the renderer cannot ask for a repair or a restore main did not propose), and the two that change files are
 * confirmed by main, naming what is lost. CANCELLED when declined: nothing was changed.
 */
export async function confirmDamagedChoice(ctx: ServiceContext, choice: DamagedVaultChoice): Promise<void> {
  const offer = ctx.session.status().damage;
  if (!offer || !offer.choices.includes(choice)) {
    throw new AppError(
      'INVALID_INPUT',
      `"${choice}" is not offered for this vault: unlock it normally first; a damaged vault is then refused with its choices.`,
    );
  }
  const path = ctx.session.vaultPath ?? '';
  if (choice === 'read-only') return;
  const confirmed = await ctx.dialogs.confirm(
    choice === 'repair'
      ? {
          message: `Repair the damaged vault ${path}?`,
          detail:
            `${offer.message} The intact records are kept and the missing ones are dropped for good. A copy of the ` +
            'damaged file is kept beside the vault (.damaged-….bak) and the repair is recorded in the audit log.',
          confirmLabel: 'Repair vault',
        }
      : {
          message: `Replace the damaged vault ${path} with its previous generation ${offer.backupPath ?? ''}?`,
          detail:
            'Everything written after that generation is lost. The damaged file is kept as the new .bak and the ' +
            'restore is recorded in the audit log.',
          confirmLabel: 'Restore previous generation',
        },
  );
  if (!confirmed) {
    throw new AppError(
      'CANCELLED',
      `${choice === 'repair' ? 'Repairing' : 'Restoring'} the damaged vault was not confirmed: nothing was changed`,
    );
  }
}

/** The audit detail of a repair: what was dropped and where the damaged file is kept. */
export function repairDetail(damage: VaultDamage): string {
  const dropped = damage.acknowledgedFrames - damage.intactFrames;
  return (
    `${damage.message}; kept ${damage.intactFrames} of ${damage.acknowledgedFrames} record frames, dropped ${dropped}; ` +
    `damaged file kept as ${damage.keptAs ? basename(damage.keptAs) : '(not kept)'}`
  ).slice(0, 500);
}
