/**
 * Certificate reading: the engine's reader (`parsedCert`, what every inventory list and verdict runs for each
 * certificate) against @peculiar/x509's `X509Certificate` reading the same facts (subject, SAN,
 * BasicConstraints, KeyUsage, EKU), in the same run. Run alone with `tsx bench/cert-reader.ts`.
 */
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import {
  BasicConstraintsExtension,
  ExtendedKeyUsageExtension,
  KeyUsagesExtension,
  SubjectAlternativeNameExtension,
  X509Certificate,
} from '@peculiar/x509';
import { createRootCa, generateKeyPair, issueLeaf } from '../electron/core/pki';
import { parsedCert } from '../electron/core/pki/parsed-cert';
import { check, ms, renderSection, type BenchSection } from './lib';

function perCert(ders: Uint8Array[], read: (der: Uint8Array) => unknown): number {
  const t = performance.now();
  for (const der of ders) read(der);
  return (performance.now() - t) / ders.length;
}

export async function run(opts: { count?: number } = {}): Promise<BenchSection> {
  const n = opts.count ?? 2000;
  const ctx = { now: new Date(), crypto: webcrypto };
  const caKey = await generateKeyPair('ec-p256');
  const ca = await createRootCa(
    { subject: { cn: 'bench-ca', o: 'CertDesk' }, publicKey: caKey.publicKey, signingKey: caKey.signingKey },
    ctx,
  );
  const leafKey = await generateKeyPair('ec-p256');
  const leaf = await issueLeaf(
    {
      issuer: { certDer: ca.der, signingKey: caKey.signingKey },
      profile: 'service',
      subject: { cn: 'svc', o: 'CertDesk' },
      sans: [
        { type: 'dns', value: 'svc.internal' },
        { type: 'ip', value: '10.0.0.1' },
      ],
      publicKey: leafKey.publicKey,
    },
    ctx,
  );
  // fresh buffers each round: parsedCert caches per buffer, and an inventory load meets each one once
  const copies = (): Uint8Array[] => Array.from({ length: n }, () => leaf.der.slice());
  const engine = (der: Uint8Array): unknown => parsedCert(der);
  const library = (der: Uint8Array): unknown => {
    const cert = new X509Certificate(der);
    return [
      cert.subject,
      cert.getExtension(SubjectAlternativeNameExtension)?.names,
      cert.getExtension(BasicConstraintsExtension)?.ca,
      cert.getExtension(KeyUsagesExtension)?.usages,
      cert.getExtension(ExtendedKeyUsageExtension)?.usages,
    ];
  };
  const parseOnly = (der: Uint8Array): unknown => new X509Certificate(der);
  perCert(copies().slice(0, 200), engine);
  perCert(copies().slice(0, 200), library);
  const engineMs: number[] = [];
  const libraryMs: number[] = [];
  const parseMs: number[] = [];
  for (let round = 0; round < 3; round++) {
    engineMs.push(perCert(copies(), engine));
    libraryMs.push(perCert(copies(), library));
    parseMs.push(perCert(copies(), parseOnly));
  }
  const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[1] ?? 0;
  const e = median(engineMs);
  const l = median(libraryMs);
  const p = median(parseMs);
  return {
    title: 'Certificate reading',
    rows: [
      {
        metric: `@peculiar/x509 X509Certificate + 4 extensions, ${n} leaves`,
        value: `${ms(l * 1000)} µs/cert`,
        versus: `engine parsedCert ${ms(e * 1000)} µs/cert`,
        ratio: `${(l / e).toFixed(1)}× the engine's cost`,
        target: `≤ 1.2× to replace the engine's reader ${check(l / e <= 1.2)}`,
      },
      {
        metric: `@peculiar/x509 X509Certificate constructor alone, ${n} leaves`,
        value: `${ms(p * 1000)} µs/cert`,
        versus: `engine parsedCert ${ms(e * 1000)} µs/cert`,
        ratio: `${(p / e).toFixed(1)}× the engine's cost`,
        target: `(lower bound of the library reader)`,
      },
    ],
    notes: [
      'Median of 3 alternating rounds. The inventory validates every certificate on each list, so reading cost scales with the vault (100,000 certificates in the vault-scale bench).',
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(renderSection(await run()));
}
