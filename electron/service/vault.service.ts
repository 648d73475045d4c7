import { existsSync } from 'node:fs';
import { backupPathFor, readVaultHeader, restoreVault } from '../core/vault';
import { assertStrongPassphrase } from '../core/vault/passphrase';
import type { Handlers } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';
import { kdfPolicy, vaultCreateOptions } from './kdf-options';
import { writingTo } from './files';
import { confirmDamagedChoice, repairDetail } from './damaged-vault';
import { checkRollback, retireAfter } from './rollback';

type VaultHandlers = Pick<
  Handlers,
  | 'vault:status'
  | 'vault:create'
  | 'vault:open'
  | 'vault:unlock'
  | 'vault:lock'
  | 'vault:changePassphrase'
  | 'vault:backup'
  | 'vault:restore'
>;

export interface VaultHooks {
  /** after create/unlock/restore: start the idle timer, tell the renderer */
  unlocked(): Promise<void>;
  lock(reason: string): Promise<void>;
}

export function createVaultHandlers(ctx: ServiceContext, hooks: VaultHooks): VaultHandlers {
  const { session, audit } = ctx;

  /** Replaces the vault at `target` with a verified copy of `from` (confirmed by the caller), then unlocks it. */
  const restoreInto = async (from: string, passphrase: string, target: string, what: string) => {
    await hooks.lock('vault-restore');
    // Locked here: a failure goes to the unauthenticated file; success is recorded keyed once unlocked.
    await audit.run(
      'vault.restore',
      () => restoreVault(from, passphrase, target),
      () => ({}),
      { detail: `from ${what}` },
    );
    session.adopt(target);
    session.clearOffers();
    await session.unlock(passphrase);
    // Restoring is an accepted rollback by design: the witness learns the restored state.
    const rolledBack = await checkRollback(ctx, 'restore');
    await audit.attach();
    await audit.record('vault.restore', 'ok', {
      detail: `from ${what}${rolledBack ? `; ${rolledBack}` : ''}`.slice(0, 500),
    });
    await hooks.unlocked();
    return session.status();
  };

  return {
    'vault:status': async () => session.status(),

    'vault:create': async ({ fileGrant, passphrase }) => {
      const target = fileGrant
        ? ctx.grants.take(fileGrant, 'write-file', 'new vault file')
        : ctx.deps.defaultVaultPath;
      if (!target)
        throw new AppError(
          'INVALID_INPUT',
          'vault:create needs a path: no default vault location is configured',
        );
      if (existsSync(target))
        throw new AppError(
          'VAULT_EXISTS',
          `A file already exists at ${target}: open it, or choose another path`,
        );
      await hooks.lock('vault-create');
      await session.create(target, passphrase);
      await audit.attach(true);
      await audit.record('vault.create', 'ok', { detail: target });
      await hooks.unlocked();
      return session.status();
    },

    'vault:open': async ({ fileGrant }) => {
      const path = ctx.grants.take(fileGrant, 'open-vault', 'vault file');
      // Check the file first: a wrong pick must not cost the operator their unlocked session.
      await readVaultHeader(path);
      await hooks.lock('vault-open');
      session.adopt(path);
      ctx.deps.emit?.('vault:changed', session.status());
      return session.status();
    },

    'vault:unlock': async ({ passphrase, damaged, acceptRollback }) => {
      if (session.status().state === 'unlocked') return session.status();
      if (damaged) {
        await confirmDamagedChoice(ctx, damaged);
        if (damaged === 'restore-previous') {
          const target = session.vaultPath!;
          return restoreInto(backupPathFor(target), passphrase, target, 'the previous generation');
        }
      }
      let acceptedRollback: string | null;
      try {
        await session.unlock(passphrase, damaged);
        // A damaged vault opened read-only is still refused when the file itself is an older copy; a repair
        // drops frames the witness saw, which the operator has just confirmed.
        const found = session.damageFound();
        acceptedRollback = await checkRollback(
          ctx,
          found && !found.repaired ? 'read-only' : damaged ? 'repair' : 'unlock',
          acceptRollback === true,
        );
      } catch (e) {
        if (e instanceof AppError && e.code !== 'NO_VAULT') {
          await audit.record('vault.unlock', 'failed', { detail: e.code }).catch(() => undefined);
        }
        throw e;
      }
      await audit.attach();
      const repaired = session.damageFound();
      if (repaired?.repaired) await audit.record('vault.repair', 'ok', { detail: repairDetail(repaired) });
      if (acceptedRollback) await audit.record('vault.rollbackAccepted', 'ok', { detail: acceptedRollback });
      const shortfall = session.kdfShortfall();
      const { vault } = session.unlocked();
      if (shortfall && !vault.readOnly) {
        const from = vault.info().kdf;
        const to = kdfPolicy(ctx.deps.kdf);
        // Same data key: only the envelope is re-sealed, keys need no re-wrap.
        await audit.run(
          'vault.kdfUpgrade',
          () => vault.upgradeKdf(passphrase, to),
          () => ({
            detail: `scrypt N=2^${Math.log2(from.N)}, r=${from.r} → N=2^${Math.log2(to.N)}, r=${to.r}`,
          }),
        );
      }
      await hooks.unlocked();
      return session.status();
    },

    'vault:lock': async () => {
      await hooks.lock('user');
      return session.status();
    },

    'vault:changePassphrase': async ({ current, next }) => {
      const { vault } = session.writable();
      // A weak new passphrase is refused before main asks anything.
      assertStrongPassphrase(next);
      const confirmed = await ctx.dialogs.confirm({
        message: `Change the passphrase of the vault ${session.vaultPath ?? ''}?`,
        detail: 'From now on it unlocks only with the new passphrase. Backups made before keep the old one.',
        confirmLabel: 'Change passphrase',
      });
      if (!confirmed)
        throw new AppError('CANCELLED', 'Changing the passphrase was not confirmed: nothing was changed');
      await audit.run(
        'vault.changePassphrase',
        () =>
          retireAfter(ctx, async () => {
            try {
              await vault.changePassphrase(current, next, vaultCreateOptions(ctx.deps.kdf));
            } finally {
              // Also after an error that reports the new passphrase in effect (the folder sync failed): its
              // keys sign from now on.
              if (session.status().state === 'unlocked') audit.refreshKeys();
            }
          }),
        () => ({}),
      );
      return session.status();
    },

    'vault:backup': async ({ fileGrant }) => {
      const path = ctx.grants.take(fileGrant, 'write-file', 'backup file');
      const { vault } = session.unlocked();
      return audit.run(
        'vault.backup',
        () => writingTo(path, () => vault.backup(path)),
        (r) => ({ sha256: r.sha256, detail: `${r.path} (${r.bytes} bytes)` }),
        { detail: path },
      );
    },

    'vault:restore': async ({ backupGrant, passphrase }) => {
      const from = ctx.grants.take(backupGrant, 'restore-vault', 'backup file');
      const target = session.vaultPath ?? ctx.deps.defaultVaultPath;
      if (!target)
        throw new AppError('NO_VAULT', 'No vault location to restore into: open or create a vault first');
      // A missing or damaged backup must not cost the operator their unlocked session.
      await readVaultHeader(from);
      if (existsSync(target)) {
        const confirmed = await ctx.dialogs.confirm({
          message: `Replace the contents of the vault ${target} with the backup ${from}?`,
          detail:
            'Certificates, keys and audit entries added since that backup are lost. The vault is locked and reopened with the backup passphrase.',
          confirmLabel: 'Restore backup',
        });
        if (!confirmed)
          throw new AppError(
            'CANCELLED',
            'Restoring the backup was not confirmed: the vault was not changed',
          );
      }
      return restoreInto(from, passphrase, target, `the backup ${from}`);
    },
  };
}
