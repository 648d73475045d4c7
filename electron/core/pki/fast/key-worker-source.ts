/**
 * Source of the batch key workers, run with `new Worker(source, { eval: true })`. It is a string on purpose:
 * the app ships as esbuild bundles (dist/electron/main.cjs, dist/cli/certdesk.cjs) and runs under tsx and
 * vitest in development, and an eval'd CommonJS worker that needs only `node:crypto` works unchanged in all
 * of them without a separate worker bundle.
 *
 * Trust boundary: workers are threads of the main process. The leaf PKCS#8 bytes they return cross only
 * thread memory (transferred ArrayBuffers), never disk or the renderer — the same boundary as the engine's
 * `generateKeyPair`. The issuer key arrives as a structured-cloned non-extractable CryptoKey: its bytes are
 * never materialised in JavaScript, and it dies with the worker when the pool closes.
 *
 * Messages (in):  { id, op: 'keys', alg, count } | { id, op: 'setKey', key, hash } | { id, op: 'sign', tbs: ArrayBuffer[] }
 * Messages (out): { id, keys: [{ spki, pkcs8 }] } | { id } | { id, sigs: ArrayBuffer[] } | { id, error }
 */
export const KEY_WORKER_SOURCE = String.raw`
'use strict';
const { parentPort } = require('node:worker_threads');
const crypto = require('node:crypto');

// PKCS#8 / SPKI framing of OpenSSL's own EC export (RFC 5915 ECPrivateKey with the public key, named curve
// in the AlgorithmIdentifier): constant prefixes around the scalar and the point. Building them here skips
// OpenSSL 3's encoder framework, which costs more than the key generation itself.
const EC = {
  'ec-p256': {
    curve: 'prime256v1', size: 32,
    p8a: Buffer.from('308187020100301306072a8648ce3d020106082a8648ce3d030107046d306b0201010420', 'hex'),
    p8b: Buffer.from('a144034200', 'hex'),
    spki: Buffer.from('3059301306072a8648ce3d020106082a8648ce3d030107034200', 'hex'),
  },
  'ec-p384': {
    curve: 'secp384r1', size: 48,
    p8a: Buffer.from('3081b6020100301006072a8648ce3d020106052b8104002204819e30819b0201010430', 'hex'),
    p8b: Buffer.from('a164036200', 'hex'),
    spki: Buffer.from('3076301006072a8648ce3d020106052b81040022036200', 'hex'),
  },
};

function ecKey(spec) {
  const ecdh = crypto.createECDH(spec.curve);
  const point = ecdh.generateKeys();
  let scalar = ecdh.getPrivateKey();
  if (scalar.length < spec.size) scalar = Buffer.concat([Buffer.alloc(spec.size - scalar.length), scalar]);
  const pkcs8 = Buffer.concat([spec.p8a, scalar, spec.p8b, point]);
  scalar.fill(0);
  return { spki: Buffer.concat([spec.spki, point]), pkcs8 };
}

function otherKey(alg) {
  const der = { publicKeyEncoding: { type: 'spki', format: 'der' }, privateKeyEncoding: { type: 'pkcs8', format: 'der' } };
  const pair = alg === 'ed25519'
    ? crypto.generateKeyPairSync('ed25519', der)
    : crypto.generateKeyPairSync('rsa', { modulusLength: Number(alg.slice(4)), publicExponent: 65537, ...der });
  return { spki: pair.publicKey, pkcs8: pair.privateKey };
}

// Copies into exactly-sized ArrayBuffers so they can be transferred (small Buffers share a pool).
function own(buf) {
  const ab = new ArrayBuffer(buf.length);
  new Uint8Array(ab).set(buf);
  buf.fill(0);
  return ab;
}

let signer = null;

parentPort.on('message', (m) => {
  try {
    if (m.op === 'keys') {
      const keys = [];
      const transfer = [];
      for (let i = 0; i < m.count; i++) {
        const k = EC[m.alg] ? ecKey(EC[m.alg]) : otherKey(m.alg);
        const entry = { spki: own(k.spki), pkcs8: own(k.pkcs8) };
        keys.push(entry);
        transfer.push(entry.spki, entry.pkcs8);
      }
      parentPort.postMessage({ id: m.id, keys }, transfer);
    } else if (m.op === 'setKey') {
      signer = { key: crypto.KeyObject.from(m.key), hash: m.hash };
      parentPort.postMessage({ id: m.id });
    } else if (m.op === 'sign') {
      if (!signer) throw new Error('no signing key set');
      const sigs = m.tbs.map((t) => own(crypto.sign(signer.hash, new Uint8Array(t), { key: signer.key, dsaEncoding: 'der' })));
      parentPort.postMessage({ id: m.id, sigs }, sigs);
    } else {
      throw new Error('unknown op ' + m.op);
    }
  } catch (e) {
    parentPort.postMessage({ id: m.id, error: String(e && e.message || e) });
  }
});
`;
