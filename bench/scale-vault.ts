/**
 * Builds a large service vault for the scale benchmarks (bench/ui-scale.pw.ts, bench/service-unlock.ts): the
 * first REAL certificates go through batch:issue (keys, signatures, wrapped keys: bytes per certificate are
 * measured on these), the rest are copies of their records with a new id, CN, SAN, serial, fingerprint and
 * expiry, each with its own wrapped private key (its template's key wrapped again under a new reference, as
 * every issued leaf has one), appended through the vault engine. The list and the dashboard read summaries and the copies' DER
 * (each copy is decoded into its own buffer at unlock, so no per-buffer cache is shared between copies);
 * issuing 100,000 for real outlasts any sensible bench on a loaded machine.
 */
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import { openVault, type VaultRecord } from '../electron/core/vault';
import { record, RECORD, type CertRecord } from '../electron/service/records';
import { createCertDeskService } from '../electron/service';
import { createDispatcher } from '../electron/service/dispatch';
import { Inventory } from '../electron/service/inventory';
import type { BatchResult, IssueResult } from '../shared/domain/types';
import { AppError } from '../shared/ipc/error-codes';
import { timeIt } from './lib';

export const PASS = 'bench passphrase 1234';
/** scrypt at the lowest cost the vault accepts: unlock timings without the KDF */
export const FAST_KDF = { N: 2 ** 10, r: 8, p: 1 };
/** Certificates issued for real through batch:issue; the rest of the vault is cloned from their records. */
export const REAL = 2_000;

export interface BenchService {
  call(channel: string, input: unknown): Promise<unknown>;
  dispose(): Promise<void>;
}

/** The real service behind the dispatcher, as main wires it (dialogs refused: a bench has no operator). */
export function serviceFor(vaultPath: string, kdf?: { N: number; r: number; p: number }): BenchService {
  const service = createCertDeskService({
    now: () => new Date(),
    defaultVaultPath: vaultPath,
    appVersion: 'bench',
    platform: process.platform,
    ...(kdf ? { kdf } : {}),
  });
  const dispatch = createDispatcher({
    ...service.handlers,
    'dialog:openFile': () => Promise.reject(new AppError('NOT_SUPPORTED', 'bench')),
    'dialog:chooseFolder': () => Promise.reject(new AppError('NOT_SUPPORTED', 'bench')),
  });
  const call = async (channel: string, input: unknown): Promise<unknown> => {
    const r = await dispatch(channel, input);
    if (!r.ok) throw new Error(`${channel}: ${String(r.error.message)}`);
    return r.value;
  };
  return { call, dispose: () => service.dispose() };
}

/** Creates the vault with one root CA and issues `real` EC P-256 leaves under it with batch:issue. */
export async function issueReal(
  vaultPath: string,
  real: number,
): Promise<{ buildMs: number; bytesPerCert: number }> {
  const build = serviceFor(vaultPath, FAST_KDF);
  try {
    await build.call('vault:create', { passphrase: PASS });
    // Building on a loaded machine can outlast the default idle auto-lock.
    await build.call('settings:set', { autoLockMinutes: 0 });
    const ca = (await build.call('ca:create', { subject: { cn: 'scale-ca' } })) as IssueResult;
    const emptySize = statSync(vaultPath).size;
    const rows = Array.from(
      { length: real },
      (_, i) => `host-${i},server,DNS:host-${i}.example,ec-p256,${30 + (i % 700)}`,
    );
    const t = await timeIt(() =>
      build.call('batch:issue', {
        caId: ca.summary.id,
        manifest: ['name,profile,sans,key,days', ...rows].join('\n'),
        batchId: 'scale',
      }),
    );
    const r = t.value as BatchResult;
    if (r.issued !== real) throw new Error(`only ${r.issued} of ${real} issued`);
    return { buildMs: t.ms, bytesPerCert: (statSync(vaultPath).size - emptySize) / real };
  } finally {
    await build.dispose();
  }
}

/** Grows the vault to `n` certificates with copies of the issued leaves' records, then compacts it. */
export async function cloneUpTo(vaultPath: string, real: number, n: number): Promise<void> {
  if (n <= real) return;
  const { vault, records } = await openVault(vaultPath, PASS, { autoCompact: false });
  try {
    const leaves = records.filter(
      (rec) => rec.type === RECORD.cert && (rec.data as unknown as CertRecord).summary.kind === 'leaf',
    );
    const keys = new Map<string, Uint8Array>();
    for (const leaf of leaves) {
      const ref = (leaf.data as unknown as CertRecord).keyRef;
      if (ref) keys.set(ref, await vault.DANGEROUS_unwrapKeyBytes(ref));
    }
    for (let from = real; from < n; from += 5_000) {
      const templates = Array.from(
        { length: Math.min(n, from + 5_000) - from },
        (_, k) => leaves[(from + k) % leaves.length]!.data as unknown as CertRecord,
      );
      await vault.appendWithKeys(
        templates.map((t) => keys.get(t.keyRef!)!),
        (refs) => templates.map((template, k) => copyOf(template, from + k, refs[k]!)),
      );
    }
    for (const k of keys.values()) k.fill(0);
  } finally {
    await vault.lock();
  }
  // Compacted from the live state, as the app's automatic compactions are (certificate tables, key tables).
  const reopened = await openVault(vaultPath, PASS, { autoCompact: false });
  try {
    await reopened.vault.compact(Inventory.replay(reopened.records).snapshot());
  } finally {
    await reopened.vault.lock();
  }
}

const DAY = 86_400_000;

/** Copy `i` of a leaf's record: a new identity and expiry, the same certificate bytes, its own key reference. */
function copyOf(template: CertRecord, i: number, keyRef: string): VaultRecord {
  const notBefore = Date.parse(template.summary.notBefore);
  const copy: CertRecord = {
    ...template,
    keyRef,
    summary: {
      ...template.summary,
      id: randomBytes(8).toString('hex'),
      cn: `host-${i}`,
      subject: `CN=host-${i}`,
      sans: [{ type: 'dns', value: `host-${i}.example` }],
      serial: randomBytes(16).toString('hex'),
      sha256: randomBytes(32).toString('hex'),
      notAfter: new Date(notBefore + (30 + (i % 700)) * DAY).toISOString(),
    },
  };
  return record(RECORD.cert, copy);
}
