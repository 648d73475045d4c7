import { open, rename } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/ipc/error-codes';
import { fsyncDir, readAt, replaceWithLink, tempPathFor, unlinkQuiet, writeAllAt } from './durable-fs';
import { verifyVaultBytes } from './generation';
import { decodeHeader, OFF_ENVELOPE } from './header';
import { deriveKek } from './kdf';
import { openDek } from './keyring';
import { backupPathFor, lockPathFor } from './paths';
import { boundedVaultSize } from './vault-open';
import { acquireWriterLock } from './writer-lock';

async function readWhole(path: string): Promise<Buffer> {
  const fh = await open(path, 'r').catch(() => {
    throw new AppError('NOT_FOUND', `No backup file at ${path}.`);
  });
  try {
    return await readAt(fh, 0, await boundedVaultSize(fh, path));
  } finally {
    await fh.close();
  }
}

/**
 * Verifies `fromPath` opens with `passphrase` and every record authenticates (WRONG_PASSPHRASE / VAULT_CORRUPT,
 * nothing touched), then replaces `toPath` atomically with a verified copy, keeping the replaced vault as
 * `<toPath>.bak`. VAULT_BUSY if a live process holds `toPath` for writing.
 */
export async function restoreVault(fromPath: string, passphrase: string, toPath: string): Promise<void> {
  const image = await readWhole(fromPath);
  const header = decodeHeader(image);
  const kek = await deriveKek(passphrase, header.salt, header.kdf);
  try {
    if (!openDek(kek, header.envelope, header.raw.subarray(0, OFF_ENVELOPE))) {
      throw new AppError('WRONG_PASSPHRASE', `The passphrase does not open the backup ${fromPath}.`);
    }
    await verifyVaultBytes(image, kek);
    const lock = await acquireWriterLock(lockPathFor(toPath), toPath);
    const tmp = tempPathFor(toPath);
    try {
      // Written from the verified bytes with mode 0600: a copy would carry the backup file's permissions along.
      const fh = await open(tmp, 'wx+', 0o600);
      try {
        await writeAllAt(fh, image, 0);
        await fh.sync();
        const copy = await readAt(fh, 0, image.length + 1);
        if (!copy.equals(image))
          throw new AppError(
            'VAULT_CORRUPT',
            `The restored copy of ${fromPath} differs from the verified backup.`,
          );
        await verifyVaultBytes(copy, kek);
      } finally {
        await fh.close();
      }
      await replaceWithLink(toPath, backupPathFor(toPath)).catch(() => false);
      await rename(tmp, toPath);
      await fsyncDir(dirname(toPath));
    } catch (e) {
      await unlinkQuiet(tmp);
      throw e;
    } finally {
      await lock.release();
    }
  } finally {
    kek.fill(0);
  }
}
