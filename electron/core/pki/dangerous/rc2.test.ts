import { describe, expect, it } from 'vitest';
import { RC2_PITABLE, rc2DecryptBlock, rc2ExpandKey } from './rc2';

const h = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'hex'));

describe('RC2 (RFC 2268)', () => {
  it('PITABLE is a permutation of 0..255', () => {
    expect(new Set(RC2_PITABLE).size).toBe(256);
    expect(RC2_PITABLE.length).toBe(256);
  });

  it('decrypts the RFC 2268 §5 test vectors', () => {
    const vectors: [key: string, bits: number, plain: string, cipher: string][] = [
      ['0000000000000000', 63, '0000000000000000', 'ebb773f993278eff'],
      ['ffffffffffffffff', 64, 'ffffffffffffffff', '278b27e42e2f0d49'],
      ['3000000000000000', 64, '1000000000000001', '30649edf9be7d2c2'],
      ['88', 64, '0000000000000000', '61a8a244adacccf0'],
      ['88bca90e90875a', 64, '0000000000000000', '6ccf4308974c267f'],
      ['88bca90e90875a7f0f79c384627bafb2', 64, '0000000000000000', '1a807d272bbe5db1'],
      ['88bca90e90875a7f0f79c384627bafb2', 128, '0000000000000000', '2269552ab0f85ca6'],
    ];
    for (const [key, bits, plain, cipher] of vectors) {
      expect(Buffer.from(rc2DecryptBlock(rc2ExpandKey(h(key), bits), h(cipher))).toString('hex'), key).toBe(
        plain,
      );
    }
  });
});
