import { createHash, generateKeyPairSync } from 'node:crypto';
import { existsSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FRAME_OVERHEAD } from './frames';
import {
  DATA_START,
  decodeHeader,
  decodeSlot,
  encodeSlot,
  OFF_ENVELOPE,
  OFF_SLOT,
  type CommitSlot,
} from './header';
import { createVault, lockPathFor, openVault, readVaultHeader, type VaultRecord } from './index';
import { deriveKek } from './kdf';
import { openDek, pointerKey } from './keyring';
import { codeOf, errorOf, fingerprint, PASS, TEST_KDF, tempDir } from './test-support/helpers';

let dir: string;
let cleanup: () => void;
let vaultPath: string;
let original: Buffer;
/** records of every append except the last one, and of all of them */
let allButLast: unknown[];
let all: unknown[];

beforeAll(async () => {
  ({ dir, cleanup } = tempDir('vault-tamper-'));
  vaultPath = join(dir, 'pki.vault');
  const v = await createVault(vaultPath, PASS, { kdf: TEST_KDF });
  await v.wrapKey(
    generateKeyPairSync('ec', { namedCurve: 'P-256' }).privateKey.export({ format: 'der', type: 'pkcs8' }),
  );
  const appends: VaultRecord[][] = [
    [{ type: 'settings', data: { theme: 'dark' } }],
    // Frames are deflated: the digests keep the records from shrinking to a handful of bytes to flip.
    Array.from({ length: 5 }, (_, i) => ({
      type: 'cert',
      data: { i, cn: `svc-${i}`, der: createHash('sha512').update(`svc-${i}`).digest('base64') },
    })),
    [{ type: 'revoke', data: { i: 2 } }],
    [
      { type: 'cert', data: { i: 9, cn: 'last' } },
      { type: 'crl', data: { n: 1 } },
    ],
  ];
  for (const a of appends) await v.append(a);
  await v.lock();
  original = readFileSync(vaultPath);
  all = appends.flat();
  allButLast = appends.slice(0, -1).flat();
});
afterAll(() => cleanup());

/** A commit pointer made with the data key (what a crash between the two fsyncs leaves behind). */
async function keyedPointer(file: Buffer, slot: CommitSlot): Promise<Buffer> {
  const header = decodeHeader(file);
  const kek = await deriveKek(PASS, header.salt, header.kdf);
  const dek = openDek(kek, header.envelope, header.raw.subarray(0, OFF_ENVELOPE))!;
  return encodeSlot(slot, header, pointerKey(dek, header.fileId));
}

/** The same pointer made with the version-1 recipe: SHA-256, no key. */
function unkeyedPointer(file: Buffer, slot: CommitSlot): Buffer {
  return encodeSlot(slot, { formatVersion: 1, checksum: decodeHeader(file).checksum }, null);
}

/** Frame start offsets parsed from the clean file. */
function frameStarts(file: Buffer): number[] {
  const starts: number[] = [];
  for (let pos = DATA_START; pos < file.length; pos += FRAME_OVERHEAD + file.readUInt32BE(pos))
    starts.push(pos);
  return starts;
}

async function expectUntouchedAfterOpen(bytes: Buffer, readOnly: boolean): Promise<string> {
  writeFileSync(vaultPath, bytes);
  const before = fingerprint(vaultPath);
  let code: string;
  try {
    const { vault, recoveredNote } = await openVault(vaultPath, PASS, { readOnly });
    await vault.lock();
    code = recoveredNote ? 'RECOVERED' : 'OK';
  } catch (e) {
    code = (e as { code?: string }).code ?? 'THROWN';
  }
  expect(fingerprint(vaultPath)).toEqual(before);
  expect(existsSync(lockPathFor(vaultPath))).toBe(false);
  return code;
}

describe('tampering', () => {
  it('refuses every single-bit flip anywhere in the file as VAULT_CORRUPT, never touching the file', async () => {
    const outcomes = new Map<string, number>();
    // Every byte of header and commit pointer, every frame's first 24 bytes and tag, a stride elsewhere.
    const starts = frameStarts(original);
    const offsets = new Set<number>();
    for (let o = 0; o < DATA_START; o++) offsets.add(o);
    for (const s of starts) for (let o = s; o < s + 24; o++) offsets.add(o);
    for (const end of [...starts.slice(1), original.length])
      for (let o = end - 16; o < end; o++) offsets.add(o);
    for (let o = DATA_START; o < original.length; o += 5) offsets.add(o);
    for (const offset of offsets) {
      const bytes = Buffer.from(original);
      bytes[offset]! ^= 1 << (offset % 8);
      const code = await expectUntouchedAfterOpen(bytes, offset % 3 === 0);
      if (code !== 'VAULT_CORRUPT') throw new Error(`bit flip at offset ${offset} gave ${code}`);
      outcomes.set(code, (outcomes.get(code) ?? 0) + 1);
    }
    expect(outcomes.get('VAULT_CORRUPT')).toBe(offsets.size);
    expect(offsets.size).toBeGreaterThan(500);
  });

  it('names what failed', async () => {
    const cases: [number, RegExp][] = [
      [0, /bad magic/],
      [20, /header checksum/],
      [OFF_SLOT + 3, /commit pointer/],
      [DATA_START + 40, /record frame 0 .*authentication/],
    ];
    for (const [offset, message] of cases) {
      const bytes = Buffer.from(original);
      bytes[offset]! ^= 0x10;
      writeFileSync(vaultPath, bytes);
      const e = await errorOf(openVault(vaultPath, PASS));
      expect(e.code).toBe('VAULT_CORRUPT');
      expect(e.message).toMatch(message);
    }
  });

  it('applies the truncation rules at every length: header or pointer cut → corrupt, any acknowledged record cut → damaged', async () => {
    const slot = decodeSlot(original, decodeHeader(original));
    expect(slot.end).toBe(original.length);
    const starts = frameStarts(original);
    const lengths = new Set<number>();
    for (let l = 0; l < original.length; l += 7) lengths.add(l);
    for (const s of [...starts, DATA_START, slot.lastFrameStart])
      for (let l = s - 21; l <= s + 21; l++) lengths.add(l);
    for (let l = slot.lastFrameStart; l < original.length; l++) lengths.add(l);
    for (const length of [...lengths].filter((l) => l >= 0 && l < original.length)) {
      const code = await expectUntouchedAfterOpen(original.subarray(0, length), length % 2 === 0);
      const expected = length < DATA_START ? 'VAULT_CORRUPT' : 'VAULT_DAMAGED';
      if (code !== expected)
        throw new Error(`truncation to ${length} bytes gave ${code}, expected ${expected}`);
    }
  });

  it('refuses a vault cut inside its final acknowledged record, opens it read-only on request, and repairs only when asked', async () => {
    const slot = decodeSlot(original, decodeHeader(original));
    const cut = original.subarray(0, original.length - 1);
    writeFileSync(vaultPath, cut);
    writeFileSync(`${vaultPath}.bak`, original);
    const before = fingerprint(vaultPath);
    const refused = await errorOf(openVault(vaultPath, PASS));
    expect(refused.code).toBe('VAULT_DAMAGED');
    expect(refused.message).toMatch(
      /ends at byte \d+ but \d+ bytes were acknowledged: 1 acknowledged record frame is missing/,
    );
    expect(refused.message).toContain(`${vaultPath}.bak`);

    const look = await openVault(vaultPath, PASS, { damaged: 'read-only' });
    expect(look.vault.readOnly).toBe(true);
    expect(look.records).toEqual(allButLast);
    expect(look.damage).toMatchObject({
      intactFrames: slot.frames - 1,
      acknowledgedFrames: slot.frames,
      repaired: false,
    });
    expect(look.damage?.backupPath).toBe(`${vaultPath}.bak`);
    await look.vault.lock();
    expect(fingerprint(vaultPath)).toEqual(before);

    const opened = await openVault(vaultPath, PASS, { damaged: 'repair' });
    expect(opened.damage?.repaired).toBe(true);
    // The damaged file is kept byte for byte, readable by the owner only.
    expect(opened.damage?.keptAs).toMatch(/pki\.vault\.damaged-[0-9a-f]{8}\.bak$/);
    expect(readFileSync(opened.damage!.keptAs!)).toEqual(cut);
    expect(statSync(opened.damage!.keptAs!).mode & 0o777).toBe(0o600);
    expect(opened.records).toEqual(allButLast);
    await opened.vault.append([{ type: 'cert', data: { again: true } }]);
    await opened.vault.lock();
    rmSync(`${vaultPath}.bak`);
    const reopened = await openVault(vaultPath, PASS);
    expect(reopened.recoveredNote).toBeUndefined();
    expect(reopened.records).toEqual([...allButLast, { type: 'cert', data: { again: true } }]);
    await reopened.vault.lock();
  });

  it('ignores a torn write past the commit pointer and accepts a complete one whose pointer update was lost', async () => {
    writeFileSync(vaultPath, Buffer.concat([original, Buffer.from([0, 0, 1, 0, 0, 0, 0, 0, 1, 2, 3])]));
    const torn = await openVault(vaultPath, PASS, { readOnly: true });
    expect(torn.recoveredNote).toMatch(/never acknowledged/);
    expect(torn.records).toEqual(all);
    await torn.vault.lock();

    // Pointer of the state before the last append, with the last append's frame present (crash between fsyncs).
    const starts = frameStarts(original);
    const lastStart = starts.at(-1)!;
    const bytes = Buffer.from(original);
    (
      await keyedPointer(original, {
        end: lastStart,
        lastFrameStart: starts.at(-2)!,
        frames: starts.length - 1,
      })
    ).copy(bytes, OFF_SLOT);
    writeFileSync(vaultPath, bytes);
    const complete = await openVault(vaultPath, PASS);
    expect(complete.recoveredNote).toBeUndefined();
    expect(complete.records).toEqual(all);
    await complete.vault.lock();
  });

  it('refuses the last frames dropped with the pointer recomputed by the unkeyed version-1 recipe', async () => {
    const starts = frameStarts(original);
    for (const drop of [1, 2, 3]) {
      const keep = starts.length - drop;
      const body = Buffer.from(original.subarray(0, starts[keep]));
      unkeyedPointer(original, { end: body.length, lastFrameStart: starts[keep - 1]!, frames: keep }).copy(
        body,
        OFF_SLOT,
      );
      writeFileSync(vaultPath, body);
      const refused = await errorOf(openVault(vaultPath, PASS, { readOnly: true }));
      expect(refused.code).toBe('VAULT_CORRUPT');
      expect(refused.message).toMatch(/commit pointer failed authentication/);
    }
  });

  it('detects reordered and removed records even when the commit pointer is re-made with the key', async () => {
    const starts = frameStarts(original);
    const frame = (i: number): Buffer => original.subarray(starts[i], starts[i + 1] ?? original.length);
    const rebuild = async (order: number[]): Promise<Buffer> => {
      const frames = order.map(frame);
      const body = Buffer.concat([original.subarray(0, DATA_START), ...frames]);
      const lastFrameStart = body.length - frames.at(-1)!.length;
      (await keyedPointer(original, { end: body.length, lastFrameStart, frames: frames.length })).copy(
        body,
        OFF_SLOT,
      );
      return body;
    };
    const n = starts.length;
    const idx = Array.from({ length: n }, (_, i) => i);
    const swapped = [...idx];
    [swapped[1], swapped[2]] = [swapped[2]!, swapped[1]!];
    const removed = idx.filter((i) => i !== 2);
    for (const order of [swapped, removed]) {
      writeFileSync(vaultPath, await rebuild(order));
      expect((await errorOf(openVault(vaultPath, PASS))).message).toMatch(
        /record frame \d+ .*failed authentication/,
      );
    }
  });

  it('refuses foreign files and hostile KDF parameters before deriving anything', async () => {
    for (const bytes of [
      Buffer.alloc(0),
      Buffer.from('{"not":"a vault"}'),
      Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    ]) {
      writeFileSync(vaultPath, bytes);
      expect((await errorOf(openVault(vaultPath, PASS))).message).toMatch(/bad magic/);
    }
    const hostile = Buffer.from(original);
    hostile[13] = 30; // log2 N = 30: 128 GiB with r=8
    createHash('sha256').update(hostile.subarray(0, 132)).digest().copy(hostile, 132);
    writeFileSync(vaultPath, hostile);
    const e = await errorOf(openVault(vaultPath, PASS));
    expect(e.code).toBe('VAULT_CORRUPT');
    expect(e.message).toMatch(/refusing KDF parameters.*2\^30/);
    expect(await codeOf(readVaultHeader(vaultPath))).toBe('VAULT_CORRUPT');
    hostile[13] = 20; // N=2^20, r=8: 1 GiB, seconds of work, refused before any allocation
    createHash('sha256').update(hostile.subarray(0, 132)).digest().copy(hostile, 132);
    writeFileSync(vaultPath, hostile);
    expect((await errorOf(openVault(vaultPath, PASS))).message).toMatch(/1024 MiB, above the 256 MiB cap/);
    truncateSync(vaultPath, 0);
  });
});
