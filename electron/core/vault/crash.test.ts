import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, lockPathFor, openVault } from './index';
import { bundleWriterChild, isReady, startWriter } from './test-support/child-process';
import { errorOf, PASS, TEST_KDF, tempDir } from './test-support/helpers';

let dir: string;
let cleanup: () => void;
let script: string;

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('vault-crash-'));
  script = await bundleWriterChild(dir);
});
afterAll(() => cleanup());

/** Deterministic pseudo-random delays, so a failing run can be replayed from the printed seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

function indices(records: { type: string; data: unknown }[]): number[] {
  return records.map((r) => (r.data as { i: number }).i);
}

describe('crash safety and concurrency', () => {
  it('keeps every acknowledged record through 60 SIGKILLs at random moments, clearing each stale lock', async () => {
    const vaultPath = join(dir, 'crash.vault');
    await (await createVault(vaultPath, PASS, { kdf: TEST_KDF })).lock();
    const started = Date.now();
    const seed = Date.now() % 100_000;
    const random = rng(seed);
    let seen = 0;
    let recovered = 0;
    for (let k = 0; k < 60; k++) {
      // Every third child compacts every 3 appends, so kills also land inside compactions. (A kill almost never
      // tears a single write() of a frame; torn tails are covered byte by byte in tamper.test.ts.)
      const w = startWriter(script, vaultPath, PASS, k % 3 === 0 ? 3 : 0);
      await w.waitFor(() => isReady(w));
      const wantAcks = Math.floor(random() * 12);
      await w.waitFor(() => w.acks() >= wantAcks);
      await new Promise((r) => setTimeout(r, random() * 15)); // land anywhere inside the next append
      await w.kill('SIGKILL');
      const acked = w.lastAck();
      const held = JSON.parse(readFileSync(lockPathFor(vaultPath), 'utf8')) as { pid: number };
      expect(held.pid, `seed ${seed} kill ${k}`).toBe(w.child.pid);

      const { vault, records, recoveredNote } = await openVault(vaultPath, PASS);
      if (recoveredNote) recovered++;
      const got = indices(records);
      expect(got, `seed ${seed} kill ${k}: records must be 0..n-1 in order`).toEqual(got.map((_, i) => i));
      expect(got.length - 1, `seed ${seed} kill ${k}: acknowledged ${acked}`).toBeGreaterThanOrEqual(acked);
      expect(got.length).toBeGreaterThanOrEqual(seen);
      seen = got.length;
      expect(JSON.parse(readFileSync(lockPathFor(vaultPath), 'utf8')).pid).toBe(process.pid);
      await vault.lock();
      expect(existsSync(lockPathFor(vaultPath))).toBe(false);
    }
    expect(seen).toBeGreaterThan(60);
    // Abandoned compaction temp files were cleaned by the writer opens.
    expect(readdirSync(dir).filter((n) => n.includes('.tmp-'))).toEqual([]);
    console.info(
      `crash test: seed ${seed}, ${seen} records, ${recovered} opens recovered a torn tail, ${Date.now() - started} ms`,
    );
  }, 240_000);

  it('gives a second writer VAULT_BUSY naming the PID, while read-only opens see consistent prefixes', async () => {
    const vaultPath = join(dir, 'busy.vault');
    await (await createVault(vaultPath, PASS, { kdf: TEST_KDF })).lock();
    const w = startWriter(script, vaultPath, PASS, 4);
    try {
      await w.waitFor(() => isReady(w) && w.acks() > 0);
      const busy = await errorOf(openVault(vaultPath, PASS));
      expect(busy.code).toBe('VAULT_BUSY');
      expect(busy.message).toContain(`PID ${w.child.pid}`);
      let last = 0;
      for (let i = 0; i < 40; i++) {
        const ackedBefore = w.lastAck();
        const { vault, records } = await openVault(vaultPath, PASS, { readOnly: true });
        const got = indices(records);
        expect(got).toEqual(got.map((_, j) => j));
        expect(got.length - 1).toBeGreaterThanOrEqual(ackedBefore);
        expect(got.length).toBeGreaterThanOrEqual(last);
        last = got.length;
        await expect(vault.append([{ type: 'n', data: {} }])).rejects.toMatchObject({
          code: 'NOT_SUPPORTED',
        });
        await vault.lock();
      }
      expect(JSON.parse(readFileSync(lockPathFor(vaultPath), 'utf8')).pid).toBe(w.child.pid);
    } finally {
      await w.kill('SIGKILL');
    }
    const { vault } = await openVault(vaultPath, PASS);
    await vault.lock();
  });

  it('gives a second writer in the same process VAULT_BUSY too', async () => {
    const vaultPath = join(dir, 'same.vault');
    const v = await createVault(vaultPath, PASS, { kdf: TEST_KDF });
    expect((await errorOf(openVault(vaultPath, PASS))).code).toBe('VAULT_BUSY');
    await v.lock();
    await (await openVault(vaultPath, PASS)).vault.lock();
  });
});
