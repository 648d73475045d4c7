import { stat } from 'node:fs/promises';
import {
  compareWithWitness,
  RollbackWitness,
  stateOf,
  witnessKeysOf,
  type WitnessKeys,
  type WitnessState,
} from '../core/vault';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';

function witnessOf(ctx: ServiceContext): RollbackWitness | null {
  return ctx.deps.stateDir ? new RollbackWitness(ctx.deps.stateDir) : null;
}

/**
 * Right after an unlock: compares the vault with the newest state this workstation saw. An older vault is
 * refused (VAULT_ROLLED_BACK, vault locked again) unless the operator accepts it: the CLI's
 * --accept-rollback, else main's confirmation. A restore is an accepted rollback by design. Returns the
 * audit detail of an accepted rollback (recorded once the keyed log is attached), else null.
 */
export async function checkRollback(ctx: ServiceContext, why: 'unlock' | 'restore'): Promise<string | null> {
  const witness = witnessOf(ctx);
  if (!witness) return null;
  const { vault } = ctx.session.unlocked();
  const keys = witnessKeysOf(vault);
  const now = stateOf(vault, ctx.now());
  const verdict = compareWithWitness(now, await witness.read(keys));
  let accepted: string | null = null;
  if (verdict.kind === 'older') {
    const written = (await stat(vault.path)).mtime.toISOString();
    const summary =
      `The vault ${vault.path} is older than the one last opened on this workstation: ${verdict.why}. ` +
      `This file was last written ${written}; the newer state was seen ${verdict.seen.seenAt}.`;
    const lost =
      'Opening it undoes everything the newer state recorded after this copy: revocations, certificates, ' +
      'keys and settings changed since then.';
    accepted = `${summary} Accepted${why === 'restore' ? ' by restoring a backup' : ''}.`.slice(0, 500);
    if (why === 'unlock') {
      const yes =
        ctx.deps.acceptRollback ??
        (await ctx.dialogs.confirm({
          message: summary,
          detail: lost,
          confirmLabel: 'Open the older vault',
        }));
      if (!yes) {
        await ctx.session.lock();
        throw new AppError(
          'VAULT_ROLLED_BACK',
          `${summary} ${lost} Refused; to open it anyway, accept the rollback (certdesk --accept-rollback, or confirm in the app).`,
        );
      }
    }
  }
  if (verdict.kind !== 'current') await witness.record(keys, now);
  return accepted;
}

/** After a change to the vault: the witness learns the newer state. */
export async function noteVaultState(ctx: ServiceContext): Promise<void> {
  const witness = witnessOf(ctx);
  if (!witness || ctx.session.status().state !== 'unlocked') return;
  const { vault } = ctx.session.unlocked();
  if (vault.readOnly) return;
  await witness.record(witnessKeysOf(vault), stateOf(vault, ctx.now()));
}

/**
 * Around a passphrase change (a new data key, so a new witness id): afterwards, the old id is marked retired,
 * so a copy made under the old passphrase is recognised as older.
 */
export async function retireAfter(ctx: ServiceContext, change: () => Promise<void>): Promise<void> {
  const witness = witnessOf(ctx);
  const { vault } = ctx.session.unlocked();
  const before: { keys: WitnessKeys; state: WitnessState } | null = witness
    ? { keys: witnessKeysOf(vault), state: stateOf(vault, ctx.now()) }
    : null;
  await change();
  if (!witness || !before) return;
  await witness.record(before.keys, { ...before.state, retired: true });
  await noteVaultState(ctx);
}
