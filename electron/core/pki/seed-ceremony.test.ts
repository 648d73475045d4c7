/**
 * The seed chapter's openssl ceremony (grpc-tls-and-mtls.txt), run for real: its CA must import into
 * CertDesk and issue certificates that openssl verifies. genrsa 2048 instead of 4096 keeps the test fast.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctxAt } from './testing/fixtures';
import { openssl, run, TempDir } from './testing/openssl';
import {
  certificateDerFrom,
  checkCaImport,
  DANGEROUS_readPrivateKeyFile,
  generateKeyPair,
  importSigningKey,
  issueLeaf,
  keysMatch,
  lintCertificate,
  parseCsr,
  signCsr,
  summarizeCertificate,
} from './index';

/** Exactly the seed's commands, except genrsa 2048 for speed. */
const SEED_CEREMONY = [
  'openssl genrsa -out ca.key 2048',
  'openssl req -x509 -new -nodes -key ca.key -sha256 -days 3650 -subj "/CN=mygrpc-ca" -out ca.crt',
  'openssl genrsa -out server.key 2048',
  'openssl req -new -key server.key -subj "/CN=user-service" -out server.csr',
  "printf '%s\\n' 'subjectAltName = DNS:user-service,DNS:user-service.internal,DNS:localhost,IP:127.0.0.1' 'extendedKeyUsage = serverAuth' > server.ext",
  'openssl x509 -req -in server.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out server.crt -days 365 -sha256 -extfile server.ext',
  'openssl genrsa -out client.key 2048',
  'openssl req -new -key client.key -subj "/CN=billing-service" -out client.csr',
  "printf '%s\\n' 'extendedKeyUsage = clientAuth' > client.ext",
  'openssl x509 -req -in client.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out client.crt -days 365 -sha256 -extfile client.ext',
].join('\n');

const dir = new TempDir();
afterAll(() => dir.remove());

describe('the seed CA (openssl req -x509, no KeyUsage)', () => {
  beforeAll(() => {
    const r = run('bash', ['-euo', 'pipefail', '-c', SEED_CEREMONY], dir.path);
    if (r.code !== 0) throw new Error(`ceremony failed: ${r.stderr}`);
  });

  it('imports (cert + key match) with a lint warning about the missing KeyUsage', async () => {
    const caDer = certificateDerFrom(readFileSync(dir.file('ca.crt'), 'utf8'));
    const key = await DANGEROUS_readPrivateKeyFile(readFileSync(dir.file('ca.key')));
    expect(key.alg).toBe('rsa-2048');
    expect(keysMatch(caDer, key.pkcs8)).toBe(true);
    const findings = checkCaImport(caDer, key.pkcs8);
    expect(findings.map((f) => [f.id, f.severity])).toContainEqual(['ca-without-key-usage', 'warning']);
    expect(summarizeCertificate(caDer)).toMatchObject({
      cn: 'mygrpc-ca',
      isCa: true,
      keyAlgorithm: 'RSA 2048',
      selfSigned: true,
    });
  });

  it('refuses the server key as the CA key (KEY_MISMATCH)', async () => {
    const caDer = certificateDerFrom(readFileSync(dir.file('ca.crt'), 'utf8'));
    const wrong = await DANGEROUS_readPrivateKeyFile(readFileSync(dir.file('server.key')));
    expect(() => checkCaImport(caDer, wrong.pkcs8)).toThrow(
      expect.objectContaining({ code: 'KEY_MISMATCH' }),
    );
  });

  it('refuses a leaf certificate as a CA (NOT_A_CA)', () => {
    const leaf = certificateDerFrom(readFileSync(dir.file('server.crt'), 'utf8'));
    expect(() => checkCaImport(leaf, null)).toThrow(expect.objectContaining({ code: 'NOT_A_CA' }));
  });

  it('issues server and client certificates that openssl verifies under the imported CA', async () => {
    const ctx = ctxAt();
    const caDer = certificateDerFrom(readFileSync(dir.file('ca.crt'), 'utf8'));
    const key = await DANGEROUS_readPrivateKeyFile(readFileSync(dir.file('ca.key')));
    const issuer = { certDer: caDer, signingKey: await importSigningKey(key.pkcs8, key.alg) };
    const sk = await generateKeyPair('ec-p256');
    const server = await issueLeaf(
      {
        issuer,
        profile: 'server',
        subject: { cn: 'user-service' },
        sans: [
          { type: 'dns', value: 'user-service' },
          { type: 'ip', value: '127.0.0.1' },
        ],
        publicKey: sk.publicKey,
      },
      ctx,
    );
    const client = await issueLeaf(
      { issuer, profile: 'client', subject: { cn: 'billing-service' }, sans: [], publicKey: sk.publicKey },
      ctx,
    );
    dir.write('cd-server.crt', server.pem);
    dir.write('cd-client.crt', client.pem);
    const v1 = openssl(['verify', '-purpose', 'sslserver', '-CAfile', 'ca.crt', 'cd-server.crt'], dir.path);
    expect(v1.stdout + v1.stderr).toContain('cd-server.crt: OK');
    const v2 = openssl(['verify', '-purpose', 'sslclient', '-CAfile', 'ca.crt', 'cd-client.crt'], dir.path);
    expect(v2.stdout + v2.stderr).toContain('cd-client.crt: OK');
    // The issuer name is the CA's subject as encoded (Go compares the bytes).
    const caSubject = openssl(
      ['x509', '-in', 'ca.crt', '-noout', '-subject', '-nameopt', 'RFC2253'],
      dir.path,
    ).stdout.replace('subject=', '');
    const leafIssuer = openssl(
      ['x509', '-in', 'cd-server.crt', '-noout', '-issuer', '-nameopt', 'RFC2253'],
      dir.path,
    ).stdout.replace('issuer=', '');
    expect(leafIssuer).toBe(caSubject);
    // Why the lint warns: -x509_strict refuses a chain through a CA without KeyUsage.
    const strict = openssl(
      ['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', 'ca.crt', 'cd-server.crt'],
      dir.path,
    );
    expect(strict.code).not.toBe(0);
    expect(lintCertificate(server.der, { profile: 'server', issuerDer: caDer })).not.toContainEqual(
      expect.objectContaining({ severity: 'error' }),
    );
  });

  it('signs the seed server.csr under the server profile, carrying its subject and taking caller SANs', async () => {
    const ctx = ctxAt();
    const caDer = certificateDerFrom(readFileSync(dir.file('ca.crt'), 'utf8'));
    const key = await DANGEROUS_readPrivateKeyFile(readFileSync(dir.file('ca.key')));
    const issuer = { certDer: caDer, signingKey: await importSigningKey(key.pkcs8, key.alg) };
    const csrPem = readFileSync(dir.file('server.csr'), 'utf8');
    expect((await parseCsr(csrPem, ctx.crypto)).subjectFields.cn).toBe('user-service');
    // The seed CSR requests no SANs: a server certificate without SANs is refused...
    await expect(signCsr({ issuer, csr: csrPem, profile: 'server' }, ctx)).rejects.toMatchObject({
      code: 'INVALID_SAN',
    });
    // ...and issued once the operator supplies them.
    const sans = [
      { type: 'dns', value: 'user-service' },
      { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '127.0.0.1' },
    ] as const;
    const cert = await signCsr({ issuer, csr: csrPem, profile: 'server', sans: [...sans] }, ctx);
    dir.write('csr-server.crt', cert.pem);
    const v = openssl(['verify', '-purpose', 'sslserver', '-CAfile', 'ca.crt', 'csr-server.crt'], dir.path);
    expect(v.stdout + v.stderr).toContain('csr-server.crt: OK');
    // the seed's own server.key belongs to the certificate issued for its CSR
    const certPub = openssl(['x509', '-in', 'csr-server.crt', '-noout', '-pubkey'], dir.path).stdout;
    const keyPub = openssl(['pkey', '-in', 'server.key', '-pubout'], dir.path).stdout;
    expect(certPub).toBe(keyPub);
  });
});
