import { hash, randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { iterateDigest } from './iterated-hash';

describe('iterateDigest', () => {
  it.each(['sha1', 'sha256'] as const)(
    'equals repeated node:crypto %s for 0, 1 and 2000 rounds on random inputs',
    (alg) => {
      for (let trial = 0; trial < 5; trial++) {
        const x = randomBytes(alg === 'sha1' ? 20 : 32);
        let expected: Buffer = Buffer.from(x);
        for (let n = 0; n <= 2000; n++) {
          if (n === 0 || n === 1 || n === 2000)
            expect(Buffer.from(iterateDigest(alg, x, n)).toString('hex')).toBe(expected.toString('hex'));
          expected = hash(alg, expected, 'buffer');
        }
      }
    },
  );

  it('rejects an input that is not one digest long', () => {
    expect(() => iterateDigest('sha256', new Uint8Array(20), 1)).toThrow(RangeError);
  });
});
