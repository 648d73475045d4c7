import { randomBytes } from 'node:crypto';
import { readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { AppError } from '../../../shared/ipc/error-codes';

/**
 * Writer lock: `<vault>.lock` created with O_EXCL holding `{ pid, host, nonce }`. Node has no flock(), so a
 * lock left by a crashed (kill -9) process is recognised by its PID no longer being alive on this host and is
 * cleared. Readers take no lock. Known limit: a recycled PID of a live unrelated process keeps the lock busy
 * (never unsafe — the operator removes the file after checking the PID).
 */
interface LockContent {
  pid: number;
  host: string;
  nonce: string;
}

export interface WriterLock {
  path: string;
  release(): Promise<void>;
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: the process exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function parse(text: string): LockContent | null {
  try {
    const v = JSON.parse(text) as Partial<LockContent>;
    if (typeof v.pid === 'number' && typeof v.host === 'string' && typeof v.nonce === 'string')
      return v as LockContent;
  } catch {
    /* half-written lock: treated below */
  }
  return null;
}

function busy(vaultPath: string, c: LockContent): AppError {
  const where = c.host === hostname() ? '' : ` on host ${c.host}`;
  return new AppError(
    'VAULT_BUSY',
    `The vault ${vaultPath} is open for writing by another CertDesk process (PID ${c.pid}${where}). Close it there, or open read-only.`,
  );
}

export async function acquireWriterLock(lockPath: string, vaultPath: string): Promise<WriterLock> {
  const mine: LockContent = { pid: process.pid, host: hostname(), nonce: randomBytes(8).toString('hex') };
  for (let attempt = 0; attempt < 20; attempt++) {
    try {
      await writeFile(lockPath, JSON.stringify(mine), { flag: 'wx', mode: 0o600 });
      return {
        path: lockPath,
        release: async () => {
          const now = parse(await readFile(lockPath, 'utf8').catch(() => ''));
          if (now?.nonce === mine.nonce) await unlink(lockPath).catch(() => undefined);
        },
      };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    }
    const text = await readFile(lockPath, 'utf8').catch(() => null);
    if (text === null) continue; // released meanwhile: retry
    const held = parse(text);
    if (held === null) {
      // Being written right now by a process between open and write, or garbage left by a crash mid-write.
      await new Promise((r) => setTimeout(r, 50));
      if ((await readFile(lockPath, 'utf8').catch(() => null)) !== text) continue;
      if (attempt < 5) continue;
      await clearStale(lockPath, text);
      continue;
    }
    if (held.host !== mine.host || pidAlive(held.pid)) throw busy(vaultPath, held);
    await clearStale(lockPath, text);
  }
  throw new AppError(
    'VAULT_BUSY',
    `Could not take the writer lock ${lockPath}: it keeps changing (another process is racing for it).`,
  );
}

/**
 * Removes a stale lock without deleting a fresh one another process may have just created: move it aside
 * atomically, check the moved file is the stale one we judged, and put it back otherwise.
 */
async function clearStale(lockPath: string, staleText: string): Promise<void> {
  const aside = `${lockPath}.stale-${process.pid}-${randomBytes(4).toString('hex')}`;
  try {
    await rename(lockPath, aside);
  } catch {
    return;
  }
  const moved = await readFile(aside, 'utf8').catch(() => null);
  if (moved === staleText) {
    await unlink(aside).catch(() => undefined);
    return;
  }
  // We moved a live lock: restore it unless someone already holds the name.
  await writeFile(lockPath, moved ?? '', { flag: 'wx', mode: 0o600 }).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}
