import { stat } from 'node:fs/promises';
import {
  compareWithWitness,
  RollbackWitness,
  stateOf,
  witnessKeysOf,
  type WitnessKeys,
  type Vault,
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
 * --accept-rollback, else main's confirmation. A restore, or a repair of what the damaged file itself
 * acknowledged, is an accepted rollback by design. A damaged vault opened read-only is judged by what the
 * file itself acknowledged and teaches the witness nothing. Returns the
 * audit detail of an accepted rollback (recorded once the keyed log is attached), else null.
 */
export async function checkRollback(
  ctx: ServiceContext,
  why: 'unlock' | 'restore' | 'repair' | 'read-only',
  /** the operator chose "accept this older copy" on the gate; main still asks. Default false */
  acceptRequested = false,
): Promise<string | null> {
  try {
    const accepted = await judgeRollback(ctx, ctx.session.unlocked().vault, why, acceptRequested);
    ctx.session.offerRollback(null);
    return accepted;
  } catch (e) {
    if (e instanceof AppError && e.code === 'VAULT_ROLLED_BACK') await ctx.session.lock();
    throw e;
  }
}

/**
 * The same judgement for a vault opened with recovery shares, before its passphrase is reset: the reset makes
 * a new data key, after which an older copy could not be recognised any more. The old key is then retired
 * (see retireRecovered), so a copy from before the recovery is refused later too.
 */
export async function checkRollbackBeforeRecovery(
  ctx: ServiceContext,
  vault: Vault,
): Promise<RecoveredWitness> {
  const accepted = await judgeRollback(ctx, vault, 'recovery');
  return { accepted, keys: witnessKeysOf(vault), state: stateOf(vault, ctx.now()) };
}

export interface RecoveredWitness {
  accepted: string | null;
  keys: WitnessKeys;
  state: WitnessState;
}

/** After a recovery: the data key the shares opened is retired, and the new one's state recorded. */
export async function retireRecovered(ctx: ServiceContext, before: RecoveredWitness): Promise<void> {
  const witness = witnessOf(ctx);
  if (!witness) return;
  await witness.record(before.keys, { ...before.state, retired: true });
  await noteVaultState(ctx);
}

async function judgeRollback(
  ctx: ServiceContext,
  vault: Vault,
  why: 'unlock' | 'restore' | 'repair' | 'read-only' | 'recovery',
  acceptRequested = false,
): Promise<string | null> {
  const witness = witnessOf(ctx);
  if (!witness) return null;
  const keys = witnessKeysOf(vault);
  const now = stateOf(vault, ctx.now());
  const verdict = compareWithWitness(now, await witness.read(keys));
  let accepted: string | null = null;
  // Read-only, the missing frames themselves are the damage the operator chose to browse past; only a file
  // whose own commit pointer already held less than was seen here is an older copy.
  if (verdict.kind === 'older' && (why !== 'read-only' || damagedFileWasOlder(ctx, now, verdict.seen))) {
    const written = (await stat(vault.path)).mtime.toISOString();
    const summary =
      `The vault ${vault.path} is older than the one last opened on this workstation: ${verdict.why}. ` +
      `This file was last written ${written}; the newer state was seen ${verdict.seen.seenAt}.`;
    const lost =
      'Opening it undoes everything the newer state recorded after this copy: revocations, certificates, ' +
      'keys and settings changed since then.';
    // A restore and a repair were confirmed naming what is lost: accepted rollbacks by design. Not a repair of
    // a file that claimed less than was seen here before it was cut (an older copy cut short to read as
    // damaged): the repair's question named only the frames it drops.
    const byDesign = why === 'restore' || (why === 'repair' && !damagedFileWasOlder(ctx, now, verdict.seen));
    const by = !byDesign
      ? ''
      : why === 'restore'
        ? ' by restoring a backup'
        : ' by repairing the damaged vault';
    accepted = `${summary} Accepted${by}.`.slice(0, 500);
    if (!byDesign) {
      // The CLI decides with its flag. On unlock the app first explains on the gate (the offer below); main
      // asks, naming what is lost, only once the operator chooses to accept. A damaged vault's gate offers
      // its own choices instead, so main asks as soon as one of them is taken.
      const ask = why === 'recovery' || why === 'repair' || why === 'read-only' || acceptRequested;
      const yes =
        ctx.deps.acceptRollback ??
        (ask &&
          (await ctx.dialogs.confirm({
            message: summary,
            detail: lost,
            confirmLabel: why === 'recovery' ? 'Recover the older vault' : 'Open the older vault',
          })));
      if (!yes) {
        if (why === 'unlock' || why === 'repair' || why === 'read-only')
          ctx.session.offerRollback({ message: summary, lost });
        throw new AppError(
          'VAULT_ROLLED_BACK',
          `${summary} ${lost} Refused${why === 'recovery' ? ': nothing was changed, the passphrase is not reset' : ''}; ` +
            'to open it anyway, accept the rollback (certdesk --accept-rollback, or confirm in the app).',
        );
      }
    }
  }
  // A read-only open writes nothing: an accepted older copy is asked about again next time.
  if (verdict.kind !== 'current' && why !== 'read-only') await witness.record(keys, now);
  return accepted;
}

/**
 * Whether the damaged file's own commit pointer already held less than this workstation saw: an older copy,
 * not merely one that lost its tail (what a repair cuts and a read-only open browses past).
 */
function damagedFileWasOlder(ctx: ServiceContext, now: WitnessState, seen: WitnessState): boolean {
  const damage = ctx.session.damageFound();
  if (!damage) return false;
  return (
    seen.retired === true ||
    now.generation < seen.generation ||
    (now.generation === seen.generation && damage.acknowledgedFrames < seen.frames)
  );
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
 * so a copy made under the old passphrase is recognised as older. Also when the change reports an error after
 * the new data key took effect (the vault folder could not be synced): the old copy is then older all the same.
 */
export async function retireAfter(ctx: ServiceContext, change: () => Promise<void>): Promise<void> {
  const witness = witnessOf(ctx);
  const { vault } = ctx.session.unlocked();
  const before: { keys: WitnessKeys; state: WitnessState } | null = witness
    ? { keys: witnessKeysOf(vault), state: stateOf(vault, ctx.now()) }
    : null;
  const retire = async (): Promise<void> => {
    if (!witness || !before) return;
    await witness.record(before.keys, { ...before.state, retired: true });
    await noteVaultState(ctx);
  };
  try {
    await change();
  } catch (e) {
    const rekeyed = before && vault.isOpen && witnessKeysOf(vault).id !== before.keys.id;
    if (rekeyed) await retire().catch(() => undefined);
    throw e;
  }
  await retire();
}
