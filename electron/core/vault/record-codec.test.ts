import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { batchPlaintexts, decodePlaintext } from './record-codec';
import type { VaultRecord } from './types';

/** A version-4 plaintext assembled by hand: what a damaged or hostile writer could have sealed. */
function v4(json: string | Buffer, area: Buffer = Buffer.alloc(0), declared?: number): Buffer {
  const text = typeof json === 'string' ? Buffer.from(json, 'latin1') : json;
  const len = Buffer.alloc(4);
  len.writeUInt32BE(declared ?? text.length);
  return Buffer.concat([len, text, area]);
}

const messageOf = (f: () => unknown): string => {
  try {
    f();
  } catch (e) {
    return `${(e as { code?: string }).code}: ${(e as Error).message}`;
  }
  return 'no error';
};

describe('record plaintext, version 4', () => {
  it('round-trips byte fields as bytes and every string exactly', () => {
    const der = new Uint8Array(randomBytes(300));
    const records: VaultRecord[] = [
      { type: 'cert.v1', data: { cn: 'Zürich 東京 😀 \u2028', der, n: 1 } },
      { type: 'x', data: [1, 'ü'] },
    ];
    const [pt, ...rest] = batchPlaintexts(records, 1 << 20, 4);
    expect(rest).toHaveLength(0);
    const jsonLength = pt!.readUInt32BE(0);
    // The certificate is stored once, as bytes, not as base64 text.
    expect(pt!.length).toBeLessThan(4 + jsonLength + der.length + 1);
    expect(decodePlaintext(pt!, 4, 0)).toEqual(records);
  });

  it('splits at the target size, each frame carrying its own records’ bytes', () => {
    const records: VaultRecord[] = Array.from({ length: 30 }, (_, i) => ({
      type: 'cert.v1',
      data: { i, der: new Uint8Array(randomBytes(200)) },
    }));
    const frames = batchPlaintexts(records, 1000, 4);
    expect(frames.length).toBeGreaterThan(5);
    expect(frames.flatMap((f, k) => decodePlaintext(f, 4, k))).toEqual(records);
  });

  it('writes byte fields as base64 text for the older versions', () => {
    const der = new Uint8Array([1, 2, 3, 250]);
    const [pt] = batchPlaintexts([{ type: 'cert.v1', data: { der } }], 1 << 20, 3);
    expect(JSON.parse(pt!.toString('utf8'))).toEqual([{ type: 'cert.v1', data: { der: 'AQID+g==' } }]);
    expect(decodePlaintext(pt!, 3, 0)).toEqual([{ type: 'cert.v1', data: { der: 'AQID+g==' } }]);
  });

  it('refuses malformed plaintexts, naming the frame', () => {
    const area = Buffer.from([1, 2, 3, 4]);
    const bad: Array<[string, Buffer]> = [
      ['JSON that is not UTF-8', v4(Buffer.from('[{"type":"a","data":"\xff"}]', 'latin1'))],
      ['JSON length past the end', v4('[]', area, 200)],
      ['too short for a length', Buffer.from([0, 0])],
      ['not an array', v4('{"type":"a","data":1}')],
      ['span past the byte area', v4('[{"type":"a","data":{},"bin":{"der":[2,3]}}]', area)],
      ['negative offset', v4('[{"type":"a","data":{},"bin":{"der":[-1,2]}}]', area)],
      ['fractional length', v4('[{"type":"a","data":{},"bin":{"der":[0,1.5]}}]', area)],
      ['span not a pair', v4('[{"type":"a","data":{},"bin":{"der":[0]}}]', area)],
      ['bytes on non-object data', v4('[{"type":"a","data":[1],"bin":{"der":[0,1]}}]', area)],
      ['bytes over a JSON field', v4('[{"type":"a","data":{"der":"x"},"bin":{"der":[0,1]}}]', area)],
      ['record without a type', v4('[{"data":{}}]')],
    ];
    for (const [what, pt] of bad) {
      expect(
        messageOf(() => decodePlaintext(pt, 4, 7)),
        what,
      ).toMatch(/^VAULT_CORRUPT: .*record frame 7 holds/);
    }
    // The same spans read fine when they fit, whatever the field is called.
    const named = decodePlaintext(v4('[{"type":"a","data":{},"bin":{"constructor":[0,1]}}]', area), 4, 0);
    expect(Buffer.from((named[0]!.data as { constructor: Uint8Array }).constructor)).toEqual(
      Buffer.from([1]),
    );
    const ok = decodePlaintext(v4('[{"type":"a","data":{},"bin":{"der":[1,3]}}]', area), 4, 0);
    expect(Buffer.from((ok[0]!.data as { der: Uint8Array }).der)).toEqual(Buffer.from([2, 3, 4]));
  });
});
