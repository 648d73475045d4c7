import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, open, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir, tempPathFor, unlinkQuiet, writeAllAt } from './durable-fs';
import type { Vault } from './types';

/** File name of the witness inside the app's state folder (beside its settings, not beside the vault). */
export const WITNESS_FILE = 'vault-witness.json';

/** The newest state of one vault seen on this workstation. */
export interface WitnessState {
  generation: number;
  frames: number;
  /** hex tag of the last acknowledged frame */
  lastTag: string;
  /** when this state was seen (ISO) */
  seenAt: string;
  /** set when the vault's data key was replaced (passphrase change): any file under the old key is older */
  retired?: boolean;
}

interface WitnessRecord extends WitnessState {
  mac: string;
}

export type WitnessVerdict =
  | { kind: 'new' }
  | { kind: 'current' | 'newer'; seen: WitnessState }
  | { kind: 'older'; seen: WitnessState; why: string };

function macOf(key: Buffer, id: string, s: WitnessState): string {
  const body = JSON.stringify([id, s.generation, s.frames, s.lastTag, s.seenAt, s.retired === true]);
  return createHmac('sha256', key).update('certdesk witness v1').update(body).digest('hex');
}

/** Where a vault is filed and how its record is keyed; both derived from its data key (not its file name). */
export interface WitnessKeys {
  id: string;
  key: Buffer;
}

export function witnessKeysOf(vault: Vault): WitnessKeys {
  return {
    id: vault.integrityKeys('witness-id')[0]!.subarray(0, 16).toString('hex'),
    key: vault.integrityKeys('witness')[0]!,
  };
}

export function stateOf(vault: Vault, seenAt: Date): WitnessState {
  const info = vault.info();
  return {
    generation: info.generation,
    frames: info.frames,
    lastTag: info.lastTag,
    seenAt: seenAt.toISOString(),
  };
}

/** Compares the vault's state with what this workstation saw last (pure). */
export function compareWithWitness(now: WitnessState, seen: WitnessState | null): WitnessVerdict {
  if (!seen) return { kind: 'new' };
  if (seen.retired)
    return {
      kind: 'older',
      seen,
      why: 'its passphrase (and data key) was changed since; this file predates that',
    };
  if (now.generation < seen.generation)
    return {
      kind: 'older',
      seen,
      why: `it is generation ${now.generation}, generation ${seen.generation} was seen`,
    };
  if (now.generation > seen.generation) return { kind: 'newer', seen };
  if (now.frames < seen.frames)
    return {
      kind: 'older',
      seen,
      why: `it holds ${now.frames} record frames, ${seen.frames} were seen in the same generation`,
    };
  if (now.frames === seen.frames && now.lastTag !== seen.lastTag)
    return { kind: 'older', seen, why: 'its last record differs from the one seen (a different copy)' };
  return { kind: now.frames === seen.frames ? 'current' : 'newer', seen };
}

/**
 * The rollback witness: `<stateDir>/vault-witness.json`, one MACed record per vault (keyed by a key derived
 * from the vault's data key), written atomically. A record that does not verify is ignored (as if absent):
 * without the key it cannot be forged to accept an older file, only deleted, which a fresh workstation
 * cannot tell apart either.
 */
export class RollbackWitness {
  constructor(private readonly stateDir: string) {}

  get path(): string {
    return join(this.stateDir, WITNESS_FILE);
  }

  private async readAll(): Promise<Record<string, WitnessRecord>> {
    try {
      const parsed = JSON.parse(await readFile(this.path, 'utf8')) as {
        vaults?: Record<string, WitnessRecord>;
      };
      return parsed.vaults && typeof parsed.vaults === 'object' ? parsed.vaults : {};
    } catch {
      return {};
    }
  }

  async read({ id, key }: WitnessKeys): Promise<WitnessState | null> {
    const r = (await this.readAll())[id];
    if (!r || typeof r.mac !== 'string') return null;
    const { mac, ...state } = r;
    const expected = macOf(key, id, state);
    if (mac.length !== expected.length || !timingSafeEqual(Buffer.from(mac), Buffer.from(expected)))
      return null;
    return state;
  }

  /** Files `state` for the vault (replacing the previous record). `retired` marks an abandoned data key. */
  async record({ id, key }: WitnessKeys, state: WitnessState): Promise<void> {
    const all = await this.readAll();
    all[id] = { ...state, mac: macOf(key, id, state) };
    await mkdir(this.stateDir, { recursive: true, mode: 0o700 });
    const tmp = tempPathFor(this.path);
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await writeAllAt(fh, Buffer.from(`${JSON.stringify({ version: 1, vaults: all }, null, 1)}\n`), 0);
      await fh.sync();
      await fh.close();
      await rename(tmp, this.path);
      await fsyncDir(this.stateDir);
    } catch (e) {
      await fh.close().catch(() => undefined);
      await unlinkQuiet(tmp);
      throw e;
    }
  }
}
