/**
 * Tracked certificates: certificates CertDesk did not issue (a vendor appliance's, a public gateway's) kept
 * in the inventory without a key, so they appear in lists, the dashboard, `expiring` and the calendar.
 */
import { parsePemBundle, summarizeCertificate } from '../core/pki';
import type { Handlers } from '../../shared/ipc/contract';
import type { CertSummary, TrackResult } from '../../shared/domain/types';
import { AppError, isAppError } from '../../shared/ipc/error-codes';
import { certFields, notAttempted } from './audit-recorder';
import type { ServiceContext } from './context';
import { readInputFile } from './files';
import { certId } from './inventory';
import { record, RECORD } from './records';
import { persist, storeCertificate } from './store';
import { summariesWithVerdicts } from './verdicts';

/** The certificates of one input (PEM, DER, PEM bundle), in file order; INVALID_PEM when it holds none. */
function certificatesIn(bytes: Uint8Array | string, source: string): Uint8Array[] {
  let blocks;
  try {
    blocks = parsePemBundle(bytes);
  } catch (e) {
    if (isAppError(e)) throw new AppError(e.code, `${source}: ${e.message}`);
    throw e;
  }
  const certs = blocks.filter((b) => b.type === 'certificate').map((b) => b.der);
  if (certs.length === 0) {
    const found = [...new Set(blocks.map((b) => b.label))].join(', ');
    throw new AppError('INVALID_PEM', `${source} holds no certificate (found: ${found})`);
  }
  return certs;
}

async function track(ctx: ServiceContext, bytes: Uint8Array | string, source: string): Promise<TrackResult> {
  const { inventory } = ctx.session.writable();
  const ders = certificatesIn(bytes, source);
  const added: CertSummary[] = [];
  const duplicates: CertSummary[] = [];
  // CAs first, so a bundle's leaf is stored after the intermediates its chain passes through.
  const facts = ders.map((der) => ({ der, facts: summarizeCertificate(der) }));
  facts.sort((a, b) => Number(b.facts.isCa) - Number(a.facts.isCa));
  for (const { der, facts: f } of facts) {
    const existing = inventory.entries.get(certId(f.sha256));
    if (existing) {
      if (!duplicates.some((d) => d.id === existing.summary.id)) duplicates.push(existing.summary);
      continue;
    }
    const entry = await storeCertificate(ctx, der, f, {
      profile: f.isCa ? (f.selfSigned ? 'root' : 'intermediate') : 'custom',
      key: { kind: 'none' },
      tracked: true,
    });
    await ctx.audit.record('certs.track', 'ok', certFields(entry.summary, `tracked from ${source}`));
    added.push(entry.summary);
  }
  if (added.length) ctx.changed();
  const now = ctx.now();
  return {
    added: summariesWithVerdicts(
      inventory,
      added.map((s) => inventory.get(s.id)),
      now,
    ),
    duplicates: summariesWithVerdicts(
      inventory,
      duplicates.map((s) => inventory.get(s.id)),
      now,
    ),
  };
}

async function untrack(ctx: ServiceContext, id: string): Promise<CertSummary> {
  const { inventory } = ctx.session.writable();
  const entry = inventory.get(id);
  if (!entry.summary.tracked) {
    throw new AppError(
      'NOT_SUPPORTED',
      `${entry.summary.cn} (${id}) is not a tracked certificate: only tracked certificates can be untracked`,
    );
  }
  const [summary] = summariesWithVerdicts(inventory, [entry], ctx.now());
  const untracked = record(RECORD.untrack, { id, at: ctx.now().toISOString() });
  await persist(ctx, [untracked]);
  // As a replay at unlock would: drops the entry and keeps its serial used under its issuer's name.
  inventory.apply(untracked);
  await ctx.audit.record('certs.untrack', 'ok', certFields(entry.summary, 'no longer tracked'));
  ctx.changed();
  return summary!;
}

export function createTrackingHandlers(ctx: ServiceContext): Pick<Handlers, 'certs:track' | 'certs:untrack'> {
  return {
    'certs:track': async ({ fileGrant, certPem }) => {
      if ((fileGrant === undefined) === (certPem === undefined))
        throw new AppError('INVALID_INPUT', 'Give either a certificate file or its PEM text');
      const path =
        fileGrant !== undefined ? ctx.grants.take(fileGrant, 'read-file', 'certificate file') : null;
      const source = path ?? 'the dropped file';
      try {
        const input = path !== null ? await readInputFile(path, 'certificate') : certPem!;
        return await track(ctx, input, source);
      } catch (e) {
        const code = isAppError(e) ? e.code : 'INTERNAL';
        if (!notAttempted(code)) {
          const msg = e instanceof Error ? e.message : String(e);
          await ctx.audit
            .record('certs.track', 'failed', { detail: `${code}: ${msg}`.slice(0, 500) })
            .catch(() => undefined);
        }
        throw e;
      }
    },
    'certs:untrack': ({ id }) => untrack(ctx, id),
  };
}
