import { createHash } from 'node:crypto';
import { link, open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/ipc/error-codes';
import { fsyncDir, readAt, tempPathFor, unlinkQuiet, writeAllAt } from './durable-fs';
import { verifyVaultBytes } from './generation';
import type { BackupResult } from './types';

/**
 * Writes a vault image to `toPath` durably: temp file in the target folder → write → fsync → re-read from disk
 * and verify every frame with `kek` → hard-link to `toPath` (never overwrites: EXPORT_TARGET_EXISTS) →
 * fsync the folder.
 */
export async function writeVerifiedBackup(image: Buffer, kek: Buffer, toPath: string): Promise<BackupResult> {
  const tmp = tempPathFor(toPath);
  const fh = await open(tmp, 'wx+', 0o600);
  try {
    await writeAllAt(fh, image, 0);
    await fh.sync();
    const reread = await readAt(fh, 0, image.length + 1);
    await verifyVaultBytes(reread, kek);
    await fh.close();
    try {
      await link(tmp, toPath);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
        throw new AppError(
          'EXPORT_TARGET_EXISTS',
          `The backup target ${toPath} already exists; choose a new file name.`,
        );
      }
      throw e;
    }
    await unlinkQuiet(tmp);
    await fsyncDir(dirname(toPath));
    return { path: toPath, bytes: reread.length, sha256: createHash('sha256').update(reread).digest('hex') };
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlinkQuiet(tmp);
    throw e;
  }
}
