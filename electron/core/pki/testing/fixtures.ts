/** Test fixtures: small CA hierarchies built with the engine itself. */
import { webcrypto } from 'node:crypto';
import type { KeyAlgorithm, LeafProfile, NameConstraintsSpec, San } from '../../../../shared/domain/types';
import { createIntermediateCa, createRootCa } from '../ca';
import { issueLeaf } from '../issue';
import { generateKeyPair } from '../keys';
import type { GeneratedKeyPair, IssuedCertificate, IssuerInput, PkiContext } from '../types';

export interface TestCa {
  cert: IssuedCertificate;
  key: GeneratedKeyPair;
  issuer: IssuerInput;
}

export const ctxAt = (now = new Date()): PkiContext => ({ now, crypto: webcrypto });

export async function makeRoot(
  ctx: PkiContext,
  opts: {
    alg?: KeyAlgorithm;
    cn?: string;
    pathLen?: number | null;
    nameConstraints?: NameConstraintsSpec;
    days?: number;
  } = {},
): Promise<TestCa> {
  const key = await generateKeyPair(opts.alg ?? 'ec-p256');
  const cert = await createRootCa(
    {
      subject: { cn: opts.cn ?? 'Test Root', o: 'CertDesk Tests' },
      publicKey: key.publicKey,
      signingKey: key.signingKey,
      pathLen: opts.pathLen ?? null,
      nameConstraints: opts.nameConstraints,
      validity: opts.days ? { days: opts.days } : undefined,
    },
    ctx,
  );
  return { cert, key, issuer: { certDer: cert.der, signingKey: key.signingKey } };
}

export async function makeIntermediate(
  ctx: PkiContext,
  parent: TestCa,
  opts: {
    alg?: KeyAlgorithm;
    cn?: string;
    pathLen?: number | null;
    nameConstraints?: NameConstraintsSpec;
  } = {},
): Promise<TestCa> {
  const key = await generateKeyPair(opts.alg ?? 'ec-p256');
  const cert = await createIntermediateCa(
    {
      issuer: parent.issuer,
      subject: { cn: opts.cn ?? 'Test Intermediate' },
      publicKey: key.publicKey,
      pathLen: opts.pathLen ?? null,
      nameConstraints: opts.nameConstraints,
    },
    ctx,
  );
  return { cert, key, issuer: { certDer: cert.der, signingKey: key.signingKey } };
}

export async function makeLeaf(
  ctx: PkiContext,
  ca: TestCa,
  profile: LeafProfile,
  cn: string,
  sans: San[],
  alg: KeyAlgorithm = 'ec-p256',
  extra: { extendedKeyUsages?: string[]; keyUsages?: string[] } = {},
): Promise<{ cert: IssuedCertificate; key: GeneratedKeyPair }> {
  const key = await generateKeyPair(alg);
  const cert = await issueLeaf(
    { issuer: ca.issuer, profile, subject: { cn }, sans, publicKey: key.publicKey, ...extra },
    ctx,
  );
  return { cert, key };
}

/** PEM of a PKCS#8 key for writing test files (tests only). */
export function keyPem(key: GeneratedKeyPair): string {
  const b64 = Buffer.from(key.DANGEROUS_privateKeyPkcs8)
    .toString('base64')
    .match(/.{1,64}/g)!
    .join('\n');
  return `-----BEGIN PRIVATE KEY-----\n${b64}\n-----END PRIVATE KEY-----\n`;
}
