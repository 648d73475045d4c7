/**
 * RC2-CBC decryption (RFC 2268), only for reading legacy PKCS#12 files: OpenSSL 1.x and `openssl pkcs12
 * -legacy` encrypt certificate bags with pbeWithSHAAnd40BitRC2-CBC, and Node's OpenSSL 3 build ships no RC2
 * (it lives in OpenSSL's legacy provider). Decrypt only; never used to protect anything we write.
 */

// RFC 2268 §2: PITABLE, a permutation of 0..255 derived from the digits of pi.
const PITABLE = new Uint8Array(
  Buffer.from(
    [
      'd978f9c419ddb5ed28e9fd794aa0d89d',
      'c67e37832b76538e624c6488448bfba2',
      '179a59f587b34f1361456d8d09817d32',
      'bd8f40eb86b77b0bf09521225c6b4e82',
      '54d66593ce60b21c7356c014a78cf1dc',
      '1275ca1f3bbee4d1423dd430a33cb626',
      '6fbf0eda4669075727f21d9bbc944303',
      'f811c7f690ef3ee706c3d52fc8661ed7',
      '08e8eade8052eef784aa72ac354d6a2a',
      '961ad2715a1549744b9fd05e0418a4ec',
      'c2e0416e0f51cbcc2491af50a1f47039',
      '997c3a8523b8b47afc02365b25559731',
      '2d5dfa98e38a92ae05df2910676cbac9',
      'd300e6cfe19ea82c6316013f58e289a9',
      '0d38341bab33ffb0bb480c5fb9b1cd2e',
      'c5f3db47e5a59c770aa62068fe7fc1ad',
    ].join(''),
    'hex',
  ),
);

/** Expanded key: 64 16-bit words. */
export function rc2ExpandKey(key: Uint8Array, effectiveBits: number): Uint16Array {
  const L = new Uint8Array(128);
  L.set(key);
  const T = key.length;
  for (let i = T; i < 128; i++) L[i] = PITABLE[((L[i - 1] ?? 0) + (L[i - T] ?? 0)) & 0xff] ?? 0;
  const T8 = Math.ceil(effectiveBits / 8);
  const TM = 0xff % 2 ** (8 + effectiveBits - 8 * T8);
  L[128 - T8] = PITABLE[(L[128 - T8] ?? 0) & TM] ?? 0;
  for (let i = 127 - T8; i >= 0; i--) L[i] = PITABLE[(L[i + 1] ?? 0) ^ (L[i + T8] ?? 0)] ?? 0;
  const K = new Uint16Array(64);
  for (let i = 0; i < 64; i++) K[i] = (L[2 * i] ?? 0) | ((L[2 * i + 1] ?? 0) << 8);
  return K;
}

const S = [1, 2, 3, 5];
const rotr = (x: number, s: number): number => ((x >>> s) | (x << (16 - s))) & 0xffff;

export function rc2DecryptBlock(K: Uint16Array, block: Uint8Array): Uint8Array {
  const R = [0, 1, 2, 3].map((i) => (block[2 * i] ?? 0) | ((block[2 * i + 1] ?? 0) << 8));
  let j = 63;
  const mixRounds = (n: number): void => {
    for (let r = 0; r < n; r++) {
      for (let i = 3; i >= 0; i--) {
        const a = R[(i + 3) % 4] ?? 0;
        const b = R[(i + 2) % 4] ?? 0;
        const c = R[(i + 1) % 4] ?? 0;
        R[i] = (rotr(R[i] ?? 0, S[i] ?? 1) - (K[j] ?? 0) - (a & b) - (~a & c)) & 0xffff;
        j--;
      }
    }
  };
  const mash = (): void => {
    for (let i = 3; i >= 0; i--) R[i] = ((R[i] ?? 0) - (K[(R[(i + 3) % 4] ?? 0) & 63] ?? 0)) & 0xffff;
  };
  mixRounds(5);
  mash();
  mixRounds(6);
  mash();
  mixRounds(5);
  const out = new Uint8Array(8);
  R.forEach((w, i) => {
    out[2 * i] = w & 0xff;
    out[2 * i + 1] = w >> 8;
  });
  return out;
}

/** RC2-CBC decrypt with PKCS#7 padding removal; throws on bad padding (wrong key). */
export function rc2CbcDecrypt(
  key: Uint8Array,
  effectiveBits: number,
  iv: Uint8Array,
  data: Uint8Array,
): Uint8Array {
  if (data.length === 0 || data.length % 8 !== 0)
    throw new Error('RC2 ciphertext is not a whole number of blocks');
  const K = rc2ExpandKey(key, effectiveBits);
  const out = new Uint8Array(data.length);
  let prev = iv;
  for (let off = 0; off < data.length; off += 8) {
    const c = data.subarray(off, off + 8);
    const p = rc2DecryptBlock(K, c);
    for (let i = 0; i < 8; i++) out[off + i] = (p[i] ?? 0) ^ (prev[i] ?? 0);
    prev = c;
  }
  const pad = out[out.length - 1] ?? 0;
  if (pad < 1 || pad > 8 || out.subarray(out.length - pad).some((b) => b !== pad))
    throw new Error('bad padding');
  return out.subarray(0, out.length - pad);
}

/** Exposed for the self-test: a permutation check guards against a mistyped table. */
export const RC2_PITABLE = PITABLE;
