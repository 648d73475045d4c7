/**
 * `batch:issue`: validate every manifest row (shared/domain/batch-manifest.ts plus the issuing CA's name
 * constraints and notAfter), issue the valid rows under one CA in chunks through the PKI fast path, persist
 * each chunk with one vault append, report progress after each chunk and honour cancellation between chunks.
 * Every row ends with an outcome: issued, invalid (manifest), failed (CA rules, vault) or cancelled.
 */
import { defaultPoolSize, LeafBatchIssuer, type FastLeafRequest } from '../core/pki/fast';
import { parseBatchManifest, type BatchRow } from '../../shared/domain/batch-manifest';
import type { BatchResult, BatchRowOutcome } from '../../shared/domain/types';
import type { ParsedInput } from '../../shared/ipc/contract';
import { AppError, isAppError } from '../../shared/ipc/error-codes';
import { storeBatchChunk, type BatchLeaf } from './batch-store';
import { checkIssuerAllows } from './constraints';
import type { ServiceContext } from './context';
import { issuerInput, pkiContext } from './issuance';

/**
 * Rows per chunk: one vault append, one progress event and one cancellation point each. Small enough that
 * the synchronous part of a chunk (encoding, hashing, record JSON, AES-GCM of the frame) stays a few ms, so
 * IPC keeps flowing during a batch (bench/event-loop.ts); large enough to amortise the fsync pair.
 */
export const BATCH_CHUNK = 50;
/** Lets queued IPC run between slices of synchronous work. */
const yieldToLoop = (): Promise<void> => new Promise((r) => setImmediate(r));
/** Below this many rows, starting worker threads costs more than it saves. */
const WORKER_THRESHOLD = 16;

export interface BatchControl {
  cancelled: boolean;
}

const errorText = (e: unknown): string =>
  isAppError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);

export async function runBatch(
  ctx: ServiceContext,
  input: ParsedInput<'batch:issue'>,
  control: BatchControl,
): Promise<BatchResult> {
  const started = performance.now();
  const { inventory } = ctx.session.writable();
  const { issuer, ca } = await issuerInput(ctx, input.caId);
  // CA-wide refusals (revoked or expired CA) stop the batch before anything is issued.
  checkIssuerAllows(inventory, ca, [], ctx.now());
  const settings = inventory.settings;
  const manifest = parseBatchManifest(input.manifest, {
    key: settings.defaultKeyAlgorithm,
    days: settings.defaultValidityDays.server,
  });
  if (manifest.fileError)
    throw new AppError('INVALID_INPUT', `The manifest cannot be read: ${manifest.fileError}`);

  const outcomes = new Map<number, BatchRowOutcome>();
  const todo: { index: number; row: BatchRow }[] = [];
  for (const [i, v] of manifest.rows.entries()) {
    if (i % BATCH_CHUNK === BATCH_CHUNK - 1) await yieldToLoop();
    if (!v.row) {
      outcomes.set(v.index, { index: v.index, name: v.name, status: 'invalid', errors: v.errors });
      continue;
    }
    try {
      checkIssuerAllows(inventory, ca, v.row.sans, ctx.now(), v.row.name);
      todo.push({ index: v.index, row: v.row });
    } catch (e) {
      outcomes.set(v.index, { index: v.index, name: v.name, status: 'failed', errors: [errorText(e)] });
    }
  }

  const total = todo.length;
  let done = 0;
  const progress = (): void => ctx.deps.emit?.('batch:progress', { batchId: input.batchId, done, total });
  progress();
  const requests = todo.map(({ row }): FastLeafRequest => ({
    cn: row.name,
    profile: row.profile,
    sans: row.sans,
    key: row.key,
    days: row.days,
  }));
  const chunks: number[] = [];
  for (let i = 0; i < todo.length; i += BATCH_CHUNK) chunks.push(i);

  const batch = await LeafBatchIssuer.create({
    issuer,
    ctx: pkiContext(ctx),
    usedSerials: inventory.serialTaken(ca.summary.id),
    workers: total >= WORKER_THRESHOLD ? defaultPoolSize() : 0,
  });
  let vaultError: string | null = null;
  try {
    for (const start of chunks) {
      const slice = todo.slice(start, start + BATCH_CHUNK);
      if (control.cancelled || vaultError) {
        for (const t of slice) {
          outcomes.set(
            t.index,
            vaultError
              ? {
                  index: t.index,
                  name: t.row.name,
                  status: 'failed',
                  errors: [`not attempted: ${vaultError}`],
                }
              : { index: t.index, name: t.row.name, status: 'cancelled', errors: [] },
          );
        }
        continue;
      }
      const next = requests.slice(start + BATCH_CHUNK, start + 2 * BATCH_CHUNK);
      const results = await batch.issueChunk(requests.slice(start, start + BATCH_CHUNK), next);
      const toStore: BatchLeaf[] = [];
      const storedRows: { index: number; name: string }[] = [];
      results.forEach((r, j) => {
        const t = slice[j];
        if (!t) return;
        if (r.ok) {
          toStore.push({ leaf: r.leaf, profile: t.row.profile });
          storedRows.push({ index: t.index, name: t.row.name });
        } else {
          outcomes.set(t.index, {
            index: t.index,
            name: t.row.name,
            status: 'failed',
            errors: [`${r.code}: ${r.message}`],
          });
        }
      });
      try {
        const entries = toStore.length ? await storeBatchChunk(ctx, ca.summary.id, toStore) : [];
        entries.forEach((e, j) => {
          const row = storedRows[j];
          if (!row) return;
          const s = e.summary;
          outcomes.set(row.index, {
            index: row.index,
            name: row.name,
            status: 'issued',
            id: s.id,
            serial: s.serial,
            notAfter: s.notAfter,
            sha256: s.sha256,
            errors: [],
          });
        });
        if (entries.length) {
          await ctx.audit.record('batch.issue', 'ok', {
            subject: `CA ${ca.summary.subject}`,
            detail: `batch ${input.batchId}: ${entries.map((e) => `${e.summary.cn}#${e.summary.serial}`).join(' ')}`,
          });
        }
      } catch (e) {
        vaultError = errorText(e);
        for (const row of storedRows)
          outcomes.set(row.index, {
            index: row.index,
            name: row.name,
            status: 'failed',
            errors: [vaultError],
          });
      }
      done += slice.length;
      progress();
    }
  } finally {
    await batch.close();
  }

  const rows = manifest.rows.map(
    (v) =>
      outcomes.get(v.index) ?? {
        index: v.index,
        name: v.name,
        status: 'failed' as const,
        errors: ['row was not processed'],
      },
  );
  const issued = rows.filter((r) => r.status === 'issued').length;
  const failed = rows.filter((r) => r.status === 'failed' || r.status === 'invalid').length;
  const cancelled = rows.some((r) => r.status === 'cancelled');
  await ctx.audit.record('batch.issue', failed > 0 || cancelled ? 'failed' : 'ok', {
    subject: `CA ${ca.summary.subject}`,
    detail: `batch ${input.batchId} finished: ${issued} issued, ${failed} failed${cancelled ? ', cancelled' : ''} of ${rows.length} rows`,
  });
  if (issued > 0) ctx.changed();
  return {
    batchId: input.batchId,
    caId: input.caId,
    issued,
    failed,
    cancelled,
    rows,
    elapsedMs: Math.round(performance.now() - started),
  };
}
