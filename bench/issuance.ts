/**
 * Issuance throughput (issue #8): the batch fast path, persisted in a real vault through the service, against
 * (a) the raw WebCrypto key generation + one signature in this process (the ceiling) and (b) the openssl
 * command-line ceremony per certificate (genpkey, req, x509 -req with SAN and EKU) as a shell loop — both
 * measured in the same run. Run alone with `tsx bench/issuance.ts`.
 */
import { execFileSync } from 'node:child_process';
import { webcrypto } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { KeyAlgorithm } from '../shared/domain/types';
import { createRootCa, generateKeyPair, issueLeaf, summarizeCertificate } from '../electron/core/pki';
import { nodeRandom } from '../electron/core/pki/build-cert';
import { readCert } from '../electron/core/pki/cert-raw';
import { ekuOids } from '../electron/core/pki/extensions';
import { spkiOf } from '../electron/core/pki/keys';
import { buildName } from '../electron/core/pki/names';
import { keyUsagesFor, profileDef } from '../electron/core/pki/profiles';
import { generateSerial } from '../electron/core/pki/serial';
import { issueWithLibrary } from '../electron/core/pki/testing/library-issuer';
import { resolveValidity } from '../electron/core/pki/validity';
import { LeafBatchIssuer, type FastLeafRequest } from '../electron/core/pki/fast';
import { createCertDeskService } from '../electron/service';
import { createDispatcher } from '../electron/service/dispatch';
import { AppError } from '../shared/ipc/error-codes';
import { check, ms, renderSection, scratchDir, timeIt, type BenchRow, type BenchSection } from './lib';

const PASS = 'bench passphrase 1234';
const TBS_LIKE = new Uint8Array(420).fill(7);

/** (a) the ceiling: WebCrypto key generation + one signature, sequential, nothing else. */
async function rawCeiling(alg: KeyAlgorithm, n: number): Promise<number> {
  const ec = alg.startsWith('ec');
  const gen = ec
    ? { name: 'ECDSA', namedCurve: 'P-256' }
    : {
        name: 'RSASSA-PKCS1-v1_5',
        hash: 'SHA-256',
        modulusLength: 2048,
        publicExponent: new Uint8Array([1, 0, 1]),
      };
  const sig = ec ? { name: 'ECDSA', hash: 'SHA-256' } : { name: 'RSASSA-PKCS1-v1_5' };
  const t = await timeIt(async () => {
    for (let i = 0; i < n; i++) {
      const kp = await webcrypto.subtle.generateKey(gen, true, ['sign', 'verify']);
      await webcrypto.subtle.sign(sig, kp.privateKey, TBS_LIKE);
    }
  });
  return t.ms / n;
}

/** (b) the openssl ceremony per certificate, as an operator would script it. */
function opensslLoop(alg: KeyAlgorithm, n: number, dir: string): number {
  const keyArgs = alg.startsWith('ec')
    ? '-algorithm EC -pkeyopt ec_paramgen_curve:P-256'
    : '-algorithm RSA -pkeyopt rsa_keygen_bits:2048';
  const script = `set -e
cd "${dir}"
openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out ca.key 2>/dev/null
openssl req -x509 -new -key ca.key -sha256 -days 3650 -subj "/CN=bench-ca" -out ca.crt 2>/dev/null
start=$(date +%s%N)
for i in $(seq 1 ${n}); do
  openssl genpkey ${keyArgs} -out leaf$i.key 2>/dev/null
  openssl req -new -key leaf$i.key -subj "/CN=svc-$i" -out leaf$i.csr 2>/dev/null
  printf "subjectAltName=DNS:svc-$i,DNS:svc-$i.internal\\nextendedKeyUsage=serverAuth,clientAuth\\nkeyUsage=critical,digitalSignature\\nbasicConstraints=critical,CA:FALSE\\n" > leaf$i.ext
  openssl x509 -req -in leaf$i.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 397 -sha256 -extfile leaf$i.ext -out leaf$i.crt 2>/dev/null
done
end=$(date +%s%N)
echo $(( (end - start) / 1000 ))`;
  const file = path.join(dir, `loop-${alg}.sh`);
  writeFileSync(file, script);
  const us = Number(execFileSync('bash', [file], { encoding: 'utf8' }).trim());
  return us / 1000 / n;
}

/** The engine's single-certificate path (generateKeyPair + issueLeaf), in memory: the "straightforward" peer. */
async function engineSingle(alg: KeyAlgorithm, n: number): Promise<number> {
  const ctx = { now: new Date(), crypto: webcrypto };
  const caKey = await generateKeyPair('ec-p256');
  const ca = await createRootCa(
    { subject: { cn: 'bench-ca' }, publicKey: caKey.publicKey, signingKey: caKey.signingKey },
    ctx,
  );
  const t = await timeIt(async () => {
    for (let i = 0; i < n; i++) {
      const k = await generateKeyPair(alg);
      await issueLeaf(
        {
          issuer: { certDer: ca.der, signingKey: caKey.signingKey },
          profile: 'service',
          subject: { cn: `svc-${i}` },
          sans: [{ type: 'dns', value: `svc-${i}` }],
          publicKey: k.publicKey,
        },
        ctx,
      );
    }
  });
  return t.ms / n;
}

/**
 * The same service leaf written by @peculiar/x509's X509CertificateGenerator (the test reference in
 * core/pki/testing/library-issuer.ts, byte-identical TBS), with the engine's serial, validity and summary
 * steps: what issueLeaf would cost if the library wrote the certificate.
 */
async function librarySingle(alg: KeyAlgorithm, n: number): Promise<number> {
  const ctx = { now: new Date(), crypto: webcrypto };
  const caKey = await generateKeyPair('ec-p256');
  const ca = await createRootCa(
    { subject: { cn: 'bench-ca' }, publicKey: caKey.publicKey, signingKey: caKey.signingKey },
    ctx,
  );
  const def = profileDef('service');
  const issuerRaw = readCert(ca.der);
  const t = await timeIt(async () => {
    for (let i = 0; i < n; i++) {
      const k = await generateKeyPair(alg);
      const spki = await spkiOf(k.publicKey, webcrypto);
      const validity = resolveValidity(undefined, ctx.now, def.defaultValidityDays, issuerRaw);
      const serial = generateSerial(nodeRandom);
      const der = await issueWithLibrary(
        {
          spec: {
            issuer: { certDer: ca.der, signingKey: caKey.signingKey },
            subjectName: buildName({ cn: `svc-${i}` }),
            spki,
            ca: false,
            keyUsages: keyUsagesFor(def, false),
            ekuOids: ekuOids(def.extendedKeyUsages),
            sans: [{ type: 'dns', value: `svc-${i}` }],
            defaultDays: def.defaultValidityDays,
          },
          serial,
          notBefore: validity.notBefore,
          notAfter: validity.notAfter,
        },
        webcrypto,
      );
      summarizeCertificate(der);
    }
  });
  return t.ms / n;
}

const rowsFor = (alg: KeyAlgorithm, n: number): FastLeafRequest[] =>
  Array.from({ length: n }, (_, i) => ({
    cn: `svc-${i}`,
    profile: 'service' as const,
    sans: [
      { type: 'dns' as const, value: `svc-${i}` },
      { type: 'dns' as const, value: `svc-${i}.internal` },
    ],
    key: alg,
    days: 90,
  }));

/** The fast path alone (no vault), for the workers / signing-thread choice. */
async function fastCore(
  alg: KeyAlgorithm,
  n: number,
  workers: number,
  signIn: 'main' | 'workers',
): Promise<number> {
  const ctx = { now: new Date(), crypto: webcrypto };
  const caKey = await generateKeyPair('ec-p256');
  const ca = await createRootCa(
    { subject: { cn: 'bench-ca' }, publicKey: caKey.publicKey, signingKey: caKey.signingKey },
    ctx,
  );
  const rows = rowsFor(alg, n);
  const b = await LeafBatchIssuer.create({
    issuer: { certDer: ca.der, signingKey: caKey.signingKey },
    ctx,
    workers,
    signIn,
  });
  const t = await timeIt(async () => {
    for (let i = 0; i < n; i += 100) {
      const out = await b.issueChunk(rows.slice(i, i + 100), rows.slice(i + 100, i + 200));
      for (const o of out) if (o.ok) o.leaf.DANGEROUS_pkcs8.fill(0);
    }
  });
  await b.close();
  return t.ms / n;
}

function manifest(alg: KeyAlgorithm, n: number): string {
  return [
    'name,profile,sans,key,days',
    ...Array.from({ length: n }, (_, i) => `svc-${i},service,"DNS:svc-${i},DNS:svc-${i}.internal",${alg},90`),
  ].join('\n');
}

/** End to end through the service: manifest → batch:issue → certificates and wrapped keys durable in the vault. */
async function serviceBatch(alg: KeyAlgorithm, n: number, dir: string): Promise<number> {
  const service = createCertDeskService({
    now: () => new Date(),
    defaultVaultPath: path.join(dir, `${alg}.certdesk`),
    appVersion: 'bench',
    platform: process.platform,
    kdf: { N: 2 ** 10, r: 8, p: 1 }, // benches measure issuance, not the KDF
  });
  const dispatch = createDispatcher({
    ...service.handlers,
    'dialog:openFile': () => Promise.reject(new AppError('NOT_SUPPORTED', 'bench')),
    'dialog:chooseFolder': () => Promise.reject(new AppError('NOT_SUPPORTED', 'bench')),
  });
  const call = async (channel: Parameters<typeof dispatch>[0], input: unknown): Promise<unknown> => {
    const r = await dispatch(channel, input);
    if (!r.ok) throw new Error(`${String(channel)}: ${String(r.error.code)} ${String(r.error.message)}`);
    return r.value;
  };
  try {
    await call('vault:create', { passphrase: PASS });
    const ca = (await call('ca:create', { subject: { cn: 'bench-ca' } })) as { summary: { id: string } };
    const t = await timeIt(() =>
      call('batch:issue', { caId: ca.summary.id, manifest: manifest(alg, n), batchId: `bench-${alg}` }),
    );
    const r = t.value as { issued: number };
    if (r.issued !== n) throw new Error(`only ${r.issued} of ${n} issued`);
    return t.ms / n;
  } finally {
    await service.dispose();
  }
}

export async function run(opts: { ecCount?: number; rsaCount?: number } = {}): Promise<BenchSection> {
  const ecN = opts.ecCount ?? 1000;
  const rsaN = opts.rsaCount ?? 40;
  const s = scratchDir('issuance');
  const rows: BenchRow[] = [];
  const notes: string[] = [];
  try {
    // Warm up JIT, worker start-up and the crypto provider once, outside the timings.
    await fastCore('ec-p256', 200, 2, 'main');

    const ecRaw = await rawCeiling('ec-p256', 500);
    const ecSsl = opensslLoop('ec-p256', 20, s.dir);
    const ecSingle = await engineSingle('ec-p256', 200);
    const ecLibrary = await librarySingle('ec-p256', 200);
    const ecSingleAgain = await engineSingle('ec-p256', 200);
    const ecMain = await fastCore('ec-p256', ecN, 0, 'main');
    const ecWorkersMainSign = await fastCore('ec-p256', ecN, 2, 'main');
    const ecWorkersSign = await fastCore('ec-p256', ecN, 2, 'workers');
    const ecBatch = await serviceBatch('ec-p256', ecN, s.dir);

    const row = (
      metric: string,
      v: number,
      peer: string,
      peerMs: number,
      kind: 'speedup' | 'ceiling',
      target: number,
    ): BenchRow => {
      if (kind === 'speedup') {
        const x = peerMs / v;
        return {
          metric,
          value: `${ms(v)} ms/cert`,
          versus: `${peer} ${ms(peerMs)} ms/cert`,
          ratio: `${x.toFixed(1)}× faster`,
          target: `≥ ${target}× ${check(x >= target)}`,
        };
      }
      const pct = (peerMs / v) * 100;
      return {
        metric,
        value: `${ms(v)} ms/cert`,
        versus: `${peer} ${ms(peerMs)} ms/cert`,
        ratio: `${pct.toFixed(0)} % of ceiling`,
        target: `≥ ${target} % ${check(pct >= target)}`,
      };
    };
    rows.push(
      row(`EC P-256 batch of ${ecN}, persisted (service)`, ecBatch, 'openssl loop', ecSsl, 'speedup', 20),
    );
    rows.push(
      row(
        `EC P-256 batch of ${ecN}, persisted (service)`,
        ecBatch,
        'raw WebCrypto keygen+sign',
        ecRaw,
        'ceiling',
        25,
      ),
    );
    rows.push(
      row(
        'EC P-256 engine issueLeaf, one at a time',
        (ecSingle + ecSingleAgain) / 2,
        'raw WebCrypto keygen+sign',
        ecRaw,
        'ceiling',
        0,
      ),
    );
    // the engine measured before and after the library run, averaged: the machine's load drifts
    const engineMs = (ecSingle + ecSingleAgain) / 2;
    rows.push({
      metric: 'EC P-256 @peculiar/x509 X509CertificateGenerator, one at a time',
      value: `${ms(ecLibrary)} ms/cert`,
      versus: `engine issueLeaf ${ms(engineMs)} ms/cert`,
      ratio: `${(ecLibrary / engineMs).toFixed(2)}× the engine's cost`,
      target: `≤ 1.2× to replace the engine's writer ${check(ecLibrary / engineMs <= 1.2)}`,
    });
    rows.push(
      row(
        `EC P-256 fast path, no vault, keys in main`,
        ecMain,
        'raw WebCrypto keygen+sign',
        ecRaw,
        'ceiling',
        25,
      ),
    );
    rows.push(
      row(
        `EC P-256 fast path, no vault, 2 key workers, sign in main`,
        ecWorkersMainSign,
        'raw WebCrypto keygen+sign',
        ecRaw,
        'ceiling',
        25,
      ),
    );
    rows.push(
      row(
        `EC P-256 fast path, no vault, 2 workers keygen+sign`,
        ecWorkersSign,
        'raw WebCrypto keygen+sign',
        ecRaw,
        'ceiling',
        25,
      ),
    );

    const rsaRaw = await rawCeiling('rsa-2048', 8);
    const rsaSsl = opensslLoop('rsa-2048', 6, s.dir);
    const rsaBatch = await serviceBatch('rsa-2048', rsaN, s.dir);
    rows.push(
      row(`RSA-2048 batch of ${rsaN}, persisted (service)`, rsaBatch, 'openssl loop', rsaSsl, 'speedup', 20),
    );
    rows.push(
      row(
        `RSA-2048 batch of ${rsaN}, persisted (service)`,
        rsaBatch,
        'raw WebCrypto keygen+sign',
        rsaRaw,
        'ceiling',
        25,
      ),
    );

    notes.push(
      'ms/cert = wall time of the whole batch / certificates. "persisted" = `batch:issue` through createDispatcher on a real vault: key generation, certificate, signature, key wrapped (AES-256-GCM) and the cert record + wrapped key appended and fsynced, one append per 50-row chunk (BATCH_CHUNK).',
      'Raw ceiling = WebCrypto generateKey + one sign, sequential, single thread (no encoding, no persistence). Above 100 % of it means the batch beats that ceiling by using both cores and cheaper key encoding.',
      `RSA-2048: key generation (prime search) is the whole cost — the raw ceiling alone is ${ms(rsaRaw)} ms vs the openssl loop's ${ms(rsaSsl)} ms, so ≥ 20× is out of reach by construction; the batch gains by running both cores (2 workers) and nothing else.`,
      '@peculiar/x509 row: the same service leaf (fresh EC key, serial, validity, summary) written by X509CertificateGenerator with the library extension classes (core/pki/testing/library-issuer.ts, TBS byte-identical to the engine in library-conformance.test.ts), against the engine measured just before and just after it. Above 1.2× the engine keeps its own DER writer.',
      'openssl loop = genpkey + req + x509 -req (SAN, EKU, KU, BC via -extfile) per certificate in bash, 20 EC / 6 RSA certificates.',
      `Signing: the CA CryptoKey as a KeyObject (KeyObject.from, never exported) signing in the main thread vs. structured-cloned into the 2 workers: ${ecWorkersSign <= ecWorkersMainSign ? 'signing in the workers was faster in this run — the default' : 'main-thread signing was faster in this run (the default stays worker signing, which keeps the main thread free for IPC)'}.`,
    );
    return { title: 'Issuance throughput', rows, notes };
  } finally {
    s.remove();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const section = await run();
  console.log(renderSection(section));
}
