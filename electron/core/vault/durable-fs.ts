import { randomBytes } from 'node:crypto';
import { open, rename, unlink, link, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes the whole buffer at `position` (a single write() may be partial). */
export async function writeAllAt(fh: FileHandle, buf: Buffer, position: number): Promise<void> {
  let done = 0;
  while (done < buf.length) {
    const { bytesWritten } = await fh.write(buf, done, buf.length - done, position + done);
    if (bytesWritten <= 0) throw new Error('write made no progress');
    done += bytesWritten;
  }
}

/** Reads exactly [position, position+length) or fewer bytes at EOF. */
export async function readAt(
  fh: FileHandle,
  position: number,
  length: number,
  /** into a SharedArrayBuffer, for a worker thread to read too (frame-thread.ts) */
  shared = false,
): Promise<Buffer> {
  const buf = shared ? Buffer.from(new SharedArrayBuffer(length)) : Buffer.allocUnsafe(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buf, done, length - done, position + done);
    if (bytesRead === 0) break;
    done += bytesRead;
  }
  return done === length ? buf : buf.subarray(0, done);
}

/**
 * Makes a rename or unlink in `dir` durable. Linux needs an fsync of the directory itself; helpers such as
 * write-file-atomic skip it and can lose the rename on power failure.
 */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** A temp name in the same directory as `path` (rename is only atomic within one filesystem). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`);
}

/**
 * Points `target` at the same inode as `existing`, replacing any previous `target`, via a temp hard link
 * and rename so there is no moment without a `target`. Returns false when hard links are unsupported.
 */
export async function replaceWithLink(existing: string, target: string): Promise<boolean> {
  const tmp = tempPathFor(target);
  try {
    await link(existing, tmp);
  } catch {
    return false;
  }
  try {
    await rename(tmp, target);
  } catch (e) {
    await unlink(tmp).catch(() => undefined);
    throw e;
  }
  return true;
}

export async function unlinkQuiet(path: string): Promise<void> {
  await unlink(path).catch(() => undefined);
}
