/**
 * Vault scale benchmark: `npx tsx bench/vault-scale.ts`.
 * For vaults of 1,000 / 10,000 / 100,000 cert-sized records (~1.5 KB JSON each, ~700-byte base64 DER) prints
 * unlock time without and with the KDF (default scrypt N=2^17, r=8, p=1), the median time of one more durable
 * append, file size, and the ratio append@100k / append@1k (target ≤ 1.5: append cost must not grow with size).
 * Not a pass/fail test: it prints figures.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAt } from '../electron/core/vault/durable-fs';
import { scanFrames } from '../electron/core/vault/frames';
import { OFF_ENVELOPE } from '../electron/core/vault/header';
import { createVault, openVault, type VaultRecord } from '../electron/core/vault/index';
import { deriveKek } from '../electron/core/vault/kdf';
import { openDek, recordKey } from '../electron/core/vault/keyring';
import { replay } from '../electron/core/vault/replay';
import { loadHeader } from '../electron/core/vault/vault-open';

const PASS = 'benchmark passphrase 2026';
const SIZES = [1_000, 10_000, 100_000];
const BUILD_BATCH = 500;
const APPEND_SAMPLES = 41;

function certRecord(i: number): VaultRecord {
  const t = new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString();
  return {
    type: 'cert',
    data: {
      id: randomUUID(),
      kind: 'leaf',
      profile: 'server',
      cn: `service-${i}.internal.example.com`,
      subject: `CN=service-${i}.internal.example.com,OU=Platform,O=Example Corp,C=DE`,
      issuer: 'CN=Example Issuing CA 1,O=Example Corp,C=DE',
      issuerId: '6f1c2b8e-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
      serial: randomBytes(16).toString('hex'),
      sans: [
        { type: 'dns', value: `service-${i}.internal.example.com` },
        { type: 'dns', value: `service-${i}` },
        { type: 'ip', value: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` },
      ],
      notBefore: t,
      notAfter: t.replace('2026', '2027'),
      sha256: randomBytes(32).toString('hex'),
      keyAlgorithm: 'ec-p256',
      hasKey: true,
      keyRef: `key_${randomBytes(16).toString('hex')}`,
      createdAt: t,
      der: randomBytes(525).toString('base64'),
    },
  };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

/** Unlock minus the KDF: read + decrypt + parse + replay, exactly what openVault does after deriving the key. */
async function unlockWithoutKdf(
  path: string,
  kek: Buffer,
): Promise<{ ms: number; cpuMs: number; records: number }> {
  const t = performance.now();
  const cpu = process.cpuUsage();
  const fh = await open(path, 'r');
  try {
    const { header, slot } = await loadHeader(fh, path);
    const dek = openDek(kek, header.envelope, header.raw.subarray(0, OFF_ENVELOPE));
    if (!dek) throw new Error('wrong key');
    const file = await readAt(fh, 0, (await fh.stat()).size);
    const scan = scanFrames(file, recordKey(dek, header.fileId), header, slot);
    const { records } = replay(scan.records);
    const used = process.cpuUsage(cpu);
    return { ms: performance.now() - t, cpuMs: (used.user + used.system) / 1000, records: records.length };
  } finally {
    await fh.close();
  }
}

interface Row {
  records: number;
  frames: number;
  unlockNoKdf: number;
  unlockNoKdfCpu: number;
  kdf: number;
  unlockWithKdf: number;
  append: number;
  fileMiB: number;
}

async function build(dir: string, n: number): Promise<{ path: string; frames: number }> {
  const path = join(dir, `scale-${n}.vault`);
  const v = await createVault(path, PASS);
  for (let i = 0; i < n; i += BUILD_BATCH) {
    await v.append(Array.from({ length: Math.min(BUILD_BATCH, n - i) }, (_, k) => certRecord(i + k)));
  }
  await v.compact(); // the state the engine keeps a grown vault in: ~1 MiB frames
  const frames = v.info().frames;
  await v.lock();
  return { path, frames };
}

async function measureUnlock(
  path: string,
  n: number,
): Promise<Pick<Row, 'unlockNoKdf' | 'unlockNoKdfCpu' | 'kdf' | 'unlockWithKdf'>> {
  const fh = await open(path, 'r');
  const { header } = await loadHeader(fh, path);
  await fh.close();
  const tk = performance.now();
  const kek = await deriveKek(PASS, header.salt, header.kdf);
  const kdf = performance.now() - tk;
  const noKdf: number[] = [];
  const noKdfCpu: number[] = [];
  for (let k = 0; k < 5; k++) {
    const r = await unlockWithoutKdf(path, kek);
    if (r.records !== n) throw new Error(`expected ${n} records, got ${r.records}`);
    noKdf.push(r.ms);
    noKdfCpu.push(r.cpuMs);
  }
  const withKdf: number[] = [];
  for (let k = 0; k < 3; k++) {
    const t = performance.now();
    const opened = await openVault(path, PASS, { autoCompact: false });
    withKdf.push(performance.now() - t);
    await opened.vault.lock();
  }
  return {
    unlockNoKdf: median(noKdf),
    unlockNoKdfCpu: median(noKdfCpu),
    kdf,
    unlockWithKdf: median(withKdf),
  };
}

/**
 * One more durable append on each vault, round-robin across the sizes, so that load from other processes
 * drifting over time hits every size alike and the ratio stays meaningful.
 */
async function measureAppends(paths: string[]): Promise<number[]> {
  const vaults = [];
  for (const p of paths) vaults.push((await openVault(p, PASS, { autoCompact: false })).vault);
  const samples = paths.map(() => [] as number[]);
  for (let k = 0; k < APPEND_SAMPLES; k++) {
    for (const [i, v] of vaults.entries()) {
      const rec = certRecord(1_000_000 + k);
      const t = performance.now();
      await v.append([rec]);
      samples[i]!.push(performance.now() - t);
    }
  }
  for (const v of vaults) await v.lock();
  return samples.map(median);
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'vault-bench-'));
  try {
    const sample = JSON.stringify(certRecord(1));
    console.log(
      `record JSON: ${sample.length} bytes; KDF scrypt N=2^17 r=8 p=1; each size built in appends of ${BUILD_BATCH}, then compacted`,
    );
    const built = [];
    for (const n of SIZES) {
      built.push({ n, ...(await build(dir, n)) });
      console.log(`  built ${n}`);
    }
    const unlocks: Awaited<ReturnType<typeof measureUnlock>>[] = [];
    for (const b of built) {
      unlocks.push(await measureUnlock(b.path, b.n));
      console.log(`  unlock measured ${b.n}`);
    }
    const appends = await measureAppends(built.map((b) => b.path));
    const rows: Row[] = built.map((b, i) => ({
      records: b.n,
      frames: b.frames,
      ...unlocks[i]!,
      append: appends[i]!,
      fileMiB: statSync(b.path).size / 2 ** 20,
    }));
    console.log('');
    console.log(
      `load average (1/5/15 min) at the end: ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')} on ${availableParallelism()} cores (wall times inflate under load; CPU time less so)`,
    );
    console.log(
      'records  | frames | unlock excl. KDF (wall / CPU) | KDF alone | unlock incl. KDF | append (median of 41) | file size',
    );
    console.log(
      '---------|--------|-------------------------------|-----------|------------------|-----------------------|----------',
    );
    for (const r of rows) {
      console.log(
        `${String(r.records).padStart(8)} | ${String(r.frames).padStart(6)} | ${r.unlockNoKdf.toFixed(1).padStart(11)} ms / ${r.unlockNoKdf === 0 ? '' : r.unlockNoKdfCpu.toFixed(1).padStart(8)} ms | ${r.kdf.toFixed(0).padStart(6)} ms | ${r.unlockWithKdf.toFixed(1).padStart(13)} ms | ${r.append.toFixed(2).padStart(18)} ms | ${r.fileMiB.toFixed(1)} MiB`,
      );
    }
    const ratio = rows.at(-1)!.append / rows[0]!.append;
    console.log('');
    console.log(
      `append@${rows.at(-1)!.records} / append@${rows[0]!.records} = ${ratio.toFixed(2)} (target ≤ 1.5)`,
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
