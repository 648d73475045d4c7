import { unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileChecked } from '../core/export/write-file-checked';
import {
  assertShareCounts,
  newCeremony,
  reconstructRecoveryKey,
  type ShareInput,
} from '../core/recovery/ceremony';
import {
  recoveryStatusOf,
  shareFileBase,
  shareSheetHtml,
  shareSheetText,
  shareSheets,
} from '../core/recovery/sheet';
import { readVaultHeader, verifyRecoveryKey, type RecoverySetup, type Vault } from '../core/vault';
import type { RecoveryCreated, RecoveryShareSheet } from '../../shared/domain/types';
import type { Handlers } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';
import { checkRollbackBeforeRecovery, retireAfter, retireRecovered, type RecoveredWitness } from './rollback';
import type { VaultHooks } from './vault.service';

type RecoveryHandlers = Pick<
  Handlers,
  | 'recovery:status'
  | 'recovery:create'
  | 'recovery:rotate'
  | 'recovery:remove'
  | 'recovery:drill'
  | 'recovery:restore'
>;

/** Writes each sheet as .html and .txt, 0600, never replacing a file; on any failure removes what it wrote. */
async function writeSheets(dir: string, sheets: readonly RecoveryShareSheet[]): Promise<string[]> {
  const written: string[] = [];
  try {
    for (const sheet of sheets) {
      const base = join(dir, shareFileBase(sheet));
      for (const [path, body] of [
        [`${base}.html`, shareSheetHtml(sheet)],
        [`${base}.txt`, shareSheetText(sheet)],
      ] as const) {
        await writeFileChecked(path, Buffer.from(body, 'utf8'), { mode: 0o600 });
        written.push(path);
      }
    }
    return written;
  } catch (e) {
    await removeQuietly(written);
    throw e;
  }
}

async function removeQuietly(paths: readonly string[]): Promise<void> {
  for (const p of paths) await unlink(p).catch(() => undefined);
}

function describeSetup(s: RecoverySetup): string {
  const status = recoveryStatusOf(s);
  return `${s.threshold} of ${s.shares} shares, vault ${status.vaultId}, ceremony ${status.ceremonyId}`;
}

export function createRecoveryHandlers(ctx: ServiceContext, hooks: VaultHooks): RecoveryHandlers {
  const { session, audit } = ctx;

  /** The recovery set-up: from the unlocked vault, else from the locked file's header (no passphrase needed). */
  async function currentSetup(): Promise<RecoverySetup | null> {
    if (session.status().state === 'unlocked') return session.unlocked().vault.info().recovery;
    if (!session.vaultPath) throw new AppError('NO_VAULT', 'No vault is open: open the vault file first');
    return (await readVaultHeader(session.vaultPath)).recovery;
  }

  async function confirm(message: string, detail: string, confirmLabel: string): Promise<void> {
    if (!(await ctx.dialogs.confirm({ message, detail, confirmLabel })))
      throw new AppError('CANCELLED', `${confirmLabel} recovery shares was cancelled; nothing changed`);
  }

  /** New key and shares; sheets written (when a folder was chosen) before the vault changes, removed if it fails. */
  async function issue(
    vault: Vault,
    counts: { threshold: number; shares: number },
    dir: string | null,
    vaultId?: Buffer,
  ): Promise<RecoveryCreated> {
    const ceremony = await newCeremony({ ...counts, now: ctx.now(), ...(vaultId ? { vaultId } : {}) });
    const sheets = await shareSheets(ceremony);
    const files = dir ? await writeSheets(dir, sheets) : [];
    try {
      // A new data key, so a new rollback-witness id: the old one is retired like after a passphrase change.
      await retireAfter(ctx, () => vault.setRecovery(ceremony.setup));
    } catch (e) {
      await removeQuietly(files);
      throw e;
    }
    // A new data key was made: audit entries are keyed with it from now on (older keys still verify).
    audit.refreshKeys();
    return { status: recoveryStatusOf(ceremony.setup), sheets, files };
  }

  const created = (r: RecoveryCreated): { detail: string } => ({
    detail:
      `${r.status.threshold} of ${r.status.shares} shares, vault ${r.status.vaultId}, ceremony ` +
      `${r.status.ceremonyId}` +
      (r.files.length ? `, ${r.files.length} sheet files written` : ''),
  });

  /** Rebuilds the key from shares of the current ceremony and proves it opens the slot; the caller zeroes it. */
  async function rebuild(shares: readonly ShareInput[]): Promise<{ key: Buffer; used: number[] }> {
    const setup = await currentSetup();
    const { recoveryKey, used } = await reconstructRecoveryKey(shares, setup);
    return { key: recoveryKey, used };
  }

  return {
    'recovery:status': async () => {
      const setup = await currentSetup();
      return setup ? recoveryStatusOf(setup) : null;
    },

    'recovery:create': async ({ threshold, shares, folderGrant }) => {
      const dir = folderGrant ? ctx.grants.take(folderGrant, 'write-folder', 'share folder') : null;
      const { vault } = session.writable();
      const existing = vault.info().recovery;
      if (existing) {
        throw new AppError(
          'RECOVERY_EXISTS',
          `This vault already has recovery shares (${describeSetup(existing)}): rotate them to make new ones`,
        );
      }
      assertShareCounts(threshold, shares);
      await confirm(
        `Create ${shares} recovery shares for this vault, any ${threshold} of which open it?`,
        `Any ${threshold} custodians together can open the vault and set a new passphrase. Print each share ` +
          'once, hand each to its custodian, and keep no other copy.',
        'Create',
      );
      return audit.run('recovery.create', () => issue(vault, { threshold, shares }, dir), created);
    },

    'recovery:rotate': async ({ threshold, shares, folderGrant }) => {
      const dir = folderGrant ? ctx.grants.take(folderGrant, 'write-folder', 'share folder') : null;
      const { vault } = session.writable();
      const existing = vault.info().recovery;
      if (!existing) throw new AppError('NO_RECOVERY', 'This vault has no recovery shares to rotate');
      const counts = { threshold: threshold ?? existing.threshold, shares: shares ?? existing.shares };
      assertShareCounts(counts.threshold, counts.shares);
      await confirm(
        `Replace the recovery shares (${describeSetup(existing)}) with ${counts.shares} new ones, any ` +
          `${counts.threshold} of which open the vault?`,
        'The old shares stop opening this vault at once. Collect and destroy them.',
        'Rotate',
      );
      return audit.run('recovery.rotate', () => issue(vault, counts, dir, existing.vaultId), created, {
        detail: `replacing ${describeSetup(existing)}`,
      });
    },

    'recovery:remove': async () => {
      const { vault } = session.writable();
      const existing = vault.info().recovery;
      if (!existing) throw new AppError('NO_RECOVERY', 'This vault has no recovery shares to remove');
      await confirm(
        `Remove the recovery shares (${describeSetup(existing)})?`,
        'Only the passphrase will open the vault. If it is lost, so is the vault.',
        'Remove',
      );
      await audit.run(
        'recovery.remove',
        async () => {
          await retireAfter(ctx, () => vault.setRecovery(null));
          audit.refreshKeys();
        },
        () => ({ detail: describeSetup(existing) }),
      );
      return null;
    },

    'recovery:drill': async ({ shares }) => {
      const path = session.vaultPath;
      if (!path) throw new AppError('NO_VAULT', 'No vault is open: open the vault file first');
      return audit.run(
        'recovery.drill',
        async () => {
          const { key, used } = await rebuild(shares);
          try {
            await verifyRecoveryKey(path, key);
          } finally {
            key.fill(0);
          }
          const setup = await currentSetup();
          if (!setup) throw new AppError('NO_RECOVERY', 'This vault has no recovery shares set up.');
          return { status: recoveryStatusOf(setup), used };
        },
        (r) => ({ detail: `shares ${r.used.join(', ')} rebuilt the key of ceremony ${r.status.ceremonyId}` }),
        { detail: `${shares.length} share(s) given` },
      );
    },

    'recovery:restore': async ({ shares, newPassphrase }) => {
      if (session.status().state === 'unlocked')
        throw new AppError('VAULT_BUSY', 'The vault is unlocked: lock it before recovering it with shares');
      if (!session.vaultPath) throw new AppError('NO_VAULT', 'No vault is open: open the vault file first');
      // Locked here: a failure goes to the unauthenticated file; success is recorded keyed once unlocked.
      let used: number[];
      let witnessed: RecoveredWitness | null = null;
      try {
        const rebuilt = await rebuild(shares);
        used = rebuilt.used;
        try {
          await session.recover(rebuilt.key, newPassphrase, async (vault) => {
            witnessed = await checkRollbackBeforeRecovery(ctx, vault);
          });
        } finally {
          rebuilt.key.fill(0);
        }
      } catch (e) {
        const code = e instanceof AppError ? e.code : 'INTERNAL';
        const msg = e instanceof Error ? e.message : String(e);
        await audit
          .record('recovery.restore', 'failed', {
            detail: `${shares.length} share(s) given: ${code}: ${msg}`.slice(0, 500),
          })
          .catch(() => undefined);
        throw e;
      }
      const before = witnessed as RecoveredWitness | null;
      if (before) await retireRecovered(ctx, before);
      await audit.attach();
      if (before?.accepted) await audit.record('vault.rollbackAccepted', 'ok', { detail: before.accepted });
      await audit.record('recovery.restore', 'ok', {
        detail: `opened with shares ${used.join(', ')}; new passphrase set`,
      });
      await hooks.unlocked();
      return session.status();
    },
  };
}
