import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { framesAhead } from './frame-thread';
import { scanFrames, scanFramesWith, type ScanResult } from './frames';
import { decodeHeader, decodeSlot, OFF_ENVELOPE } from './header';
import { createVault } from './index';
import { deriveKek } from './kdf';
import { openDek, recordKey } from './keyring';
import { PASS, TEST_KDF, tempDir } from './test-support/helpers';

let cleanup: () => void;
let original: Buffer;
let rkey: Buffer;

beforeAll(async () => {
  const t = tempDir('frame-thread-');
  cleanup = t.cleanup;
  const path = join(t.dir, 'v.certdesk');
  const v = await createVault(path, PASS, { kdf: TEST_KDF });
  // Random bytes do not deflate: a few MiB make appends of several frames each (FLAG_MORE chains).
  for (let a = 0; a < 10; a++) {
    await v.append(
      Array.from({ length: 12 }, (_, i) => ({
        type: 'blob',
        data: { a, i, bytes: randomBytes(40_000), text: `record ${a}/${i}` },
      })),
    );
  }
  await v.append([{ type: 'settings', data: { theme: 'dark' } }]);
  await v.lock();
  original = readFileSync(path);
  const header = decodeHeader(original);
  const kek = await deriveKek(PASS, header.salt, header.kdf);
  const dek = openDek(kek, header.envelope, header.raw.subarray(0, OFF_ENVELOPE))!;
  rkey = recordKey(dek, header.fileId);
});
afterAll(() => cleanup());

type Outcome = { result: ScanResult } | { error: string };

/**
 * An outcome with each record as a digest of its type and data (bytes as hex): comparing 500 KB of records
 * element by element would take the test seconds.
 */
function digested(o: Outcome): unknown {
  if ('error' in o) return o;
  const records = o.result.records.map((r) =>
    createHash('sha256')
      .update(
        JSON.stringify(r, (_k, v: unknown) =>
          v instanceof Uint8Array ? `bytes:${Buffer.from(v).toString('hex')}` : v,
        ),
      )
      .digest('hex'),
  );
  return { ...o.result, records };
}

function onSpot(file: Buffer): Outcome {
  try {
    const header = decodeHeader(file);
    return { result: scanFrames(file, rkey, header, decodeSlot(file, header)) };
  } catch (e) {
    return { error: (e as Error).message };
  }
}

/** The same scan with every frame the worker could prepare opened by it; how many it opened. */
async function ahead(file: Buffer): Promise<{ outcome: Outcome; byWorker: number }> {
  const shared = Buffer.from(new SharedArrayBuffer(file.length));
  file.copy(shared);
  const header = decodeHeader(shared);
  const slot = decodeSlot(shared, header);
  const frames = framesAhead(shared, rkey, header, slot, 0);
  if (!frames) throw new Error('no frame worker was started');
  try {
    return {
      outcome: { result: await scanFramesWith(shared, header, slot, frames.open) },
      byWorker: frames.openedByWorker(),
    };
  } catch (e) {
    return { outcome: { error: (e as Error).message }, byWorker: frames.openedByWorker() };
  } finally {
    frames.close();
  }
}

describe('opening frames ahead on a worker thread', () => {
  it('reads the same records, chain end and tag as the scan on the spot, with the worker opening every frame', async () => {
    const spot = onSpot(original);
    const { outcome, byWorker } = await ahead(original);
    expect('result' in spot && spot.result.frames).toBeGreaterThan(8);
    expect('result' in spot && spot.result.records).toHaveLength(121);
    expect(digested(outcome)).toEqual(digested(spot));
    expect(byWorker).toBe((spot as { result: ScanResult }).result.frames);
  });

  it('refuses a flipped byte in a committed frame, a cut file and a torn tail exactly as the scan on the spot does', async () => {
    const header = decodeHeader(original);
    const slot = decodeSlot(original, header);
    const flipped = Buffer.from(original);
    flipped[header.dataStart + Math.floor((slot.end - header.dataStart) / 2)]! ^= 1;
    const cut = original.subarray(0, slot.end - 1000);
    const torn = Buffer.concat([original, randomBytes(300)]);
    const cases = { flipped, cut, torn };
    for (const [name, file] of Object.entries(cases)) {
      const spot = onSpot(file);
      const { outcome } = await ahead(file);
      expect(digested(outcome), name).toEqual(digested(spot));
    }
    expect(onSpot(flipped)).toEqual({ error: expect.stringMatching(/failed authentication/) });
    expect('result' in onSpot(cut) && onSpot(cut)).toMatchObject({
      result: { damage: { intactFrames: expect.any(Number) } },
    });
    expect(onSpot(torn)).toMatchObject({
      result: { note: expect.stringMatching(/last write was incomplete/) },
    });
  });
});
