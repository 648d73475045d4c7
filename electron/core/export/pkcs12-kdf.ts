/**
 * The PKCS#12 key derivation (RFC 7292 Appendix B.2) and the PKCS#12 PBE cipher (Appendix C), written
 * here because neither Node nor WebCrypto ships them; OpenSSL and Java still use the KDF for the MAC of
 * every PKCS#12 file, and the legacy mode uses it for encryption too.
 */
import { createCipheriv, hash } from 'node:crypto';
import { iterateDigest } from './iterated-hash';

export type Pkcs12Hash = 'sha1' | 'sha256' | 'sha384' | 'sha512';
export const KDF_ID = { key: 1, iv: 2, mac: 3 } as const;

const HASH_LEN: Record<Pkcs12Hash, number> = { sha1: 20, sha256: 32, sha384: 48, sha512: 64 };
/** The compression-function block size of each hash (RFC 7292 B.2 "v"). */
const BLOCK: Record<Pkcs12Hash, number> = { sha1: 64, sha256: 64, sha384: 128, sha512: 128 };

/** H^count(x): the word-level fast path for the hashes CertDesk writes, plain Node hashing for the rest. */
function iterate(alg: Pkcs12Hash, x: Uint8Array, count: number): Uint8Array {
  if (alg === 'sha1' || alg === 'sha256') return iterateDigest(alg, x, count);
  let a = x;
  for (let r = 0; r < count; r++) a = hash(alg, a, 'buffer');
  return a;
}

/** RFC 7292 B.1: the password is a BMPString (UTF-16BE) with a two-byte NUL terminator. */
export function bmpPassword(passphrase: string): Uint8Array {
  const out = new Uint8Array(passphrase.length * 2 + 2);
  for (let i = 0; i < passphrase.length; i++) {
    const c = passphrase.charCodeAt(i);
    out[2 * i] = c >> 8;
    out[2 * i + 1] = c & 0xff;
  }
  return out;
}

function repeatToBlocks(src: Uint8Array, block: number): Uint8Array {
  if (src.length === 0) return new Uint8Array(0);
  const out = new Uint8Array(block * Math.ceil(src.length / block));
  for (let i = 0; i < out.length; i++) out[i] = src[i % src.length] ?? 0;
  return out;
}

export function pkcs12Kdf(
  alg: Pkcs12Hash,
  password: Uint8Array,
  salt: Uint8Array,
  id: number,
  iterations: number,
  n: number,
): Uint8Array {
  const u = HASH_LEN[alg];
  const v = BLOCK[alg];
  const d = new Uint8Array(v).fill(id);
  const i = Buffer.concat([repeatToBlocks(salt, v), repeatToBlocks(password, v)]);
  const out = new Uint8Array(Math.ceil(n / u) * u);
  for (let chunk = 0; chunk * u < n; chunk++) {
    const a = iterate(alg, hash(alg, Buffer.concat([d, i]), 'buffer'), iterations - 1);
    out.set(a, chunk * u);
    if ((chunk + 1) * u >= n) break;
    // I_j = (I_j + B + 1) mod 2^(8v), B = A repeated to v bytes: big-endian addition per v-byte block.
    const b = new Uint8Array(v);
    for (let k = 0; k < v; k++) b[k] = a[k % u] ?? 0;
    for (let j = 0; j < i.length; j += v) {
      let carry = 1;
      for (let k = v - 1; k >= 0; k--) {
        const sum = (i[j + k] ?? 0) + (b[k] ?? 0) + carry;
        i[j + k] = sum & 0xff;
        carry = sum >> 8;
      }
    }
  }
  return out.subarray(0, n);
}

/** pbeWithSHAAnd3-KeyTripleDES-CBC (RFC 7292 C): 24-byte key and 8-byte IV from the SHA-1 PKCS#12 KDF. */
export function DANGEROUS_pbeSha1TripleDesEncrypt(
  plaintext: Uint8Array,
  passphrase: string,
  salt: Uint8Array,
  iterations: number,
): Uint8Array {
  const pw = bmpPassword(passphrase);
  const key = pkcs12Kdf('sha1', pw, salt, KDF_ID.key, iterations, 24);
  const iv = pkcs12Kdf('sha1', pw, salt, KDF_ID.iv, iterations, 8);
  const cipher = createCipheriv('des-ede3-cbc', key, iv);
  const out = new Uint8Array(Buffer.concat([cipher.update(plaintext), cipher.final()]));
  key.fill(0);
  return out;
}
