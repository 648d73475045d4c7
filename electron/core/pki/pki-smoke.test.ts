import { afterAll, describe, expect, it } from 'vitest';
import { createIntermediateCa, createRootCa, generateKeyPair, issueLeaf } from './index';
import { ctxAt, openssl, TempDir } from './testing/openssl';

const dir = new TempDir();
afterAll(() => dir.remove());

describe('smoke', () => {
  it('root → intermediate → server verifies with openssl -x509_strict', async () => {
    const ctx = ctxAt();
    const rootKey = await generateKeyPair('ec-p256');
    const root = await createRootCa({ subject: { cn: 'Smoke Root', o: 'CertDesk' }, publicKey: rootKey.publicKey, signingKey: rootKey.signingKey, pathLen: 1 }, ctx);
    const intKey = await generateKeyPair('ec-p384');
    const inter = await createIntermediateCa({ issuer: { certDer: root.der, signingKey: rootKey.signingKey }, subject: { cn: 'Smoke Int' }, publicKey: intKey.publicKey, pathLen: 0 }, ctx);
    const leafKey = await generateKeyPair('ed25519');
    const leaf = await issueLeaf({ issuer: { certDer: inter.der, signingKey: intKey.signingKey }, profile: 'server', subject: { cn: 'user-service' }, sans: [{ type: 'dns', value: 'user-service' }, { type: 'ip', value: '127.0.0.1' }], publicKey: leafKey.publicKey }, ctx);
    dir.write('root.pem', root.pem);
    dir.write('int.pem', inter.pem);
    dir.write('leaf.pem', leaf.pem);
    const r = openssl(['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', 'root.pem', '-untrusted', 'int.pem', 'leaf.pem'], dir.path);
    console.log(r.stdout, r.stderr, openssl(['x509', '-in', 'leaf.pem', '-noout', '-text'], dir.path).stdout);
    expect(r.code).toBe(0);
  });
});
