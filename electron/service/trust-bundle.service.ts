import { safeFolderName, writeTrustBundle, type ExcludedCa, type TrustBundleCa } from '../core/export';
import type { Handlers, ParsedInput } from '../../shared/ipc/contract';
import type { ExportResult } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';
import { confirmReplace } from './confirmations';
import { writingTo } from './files';
import type { Inventory, InventoryEntry } from './inventory';
import { issuerPath, vaultTrust, verdictOf, type VaultTrust } from './verdicts';

/**
 * Why a CA must not go into a trust bundle any more, or null when it may: its own revocation or expiry,
 * then a revoked or expired CA anywhere above it on the path the validator builds (a peer trusting the
 * bundle would accept certificates under a CA whose issuer was revoked).
 */
function exclusionOf(
  inventory: Inventory,
  e: InventoryEntry,
  now: Date,
  trust: VaultTrust,
): ExcludedCa | null {
  const s = e.summary;
  const base = { id: s.id, cn: s.cn, sha256: s.sha256 };
  if (s.revoked)
    return { ...base, reason: 'revoked', detail: `revoked ${s.revoked.at} (${s.revoked.reason})` };
  if (Date.parse(s.notAfter) <= now.getTime())
    return { ...base, reason: 'expired', detail: `expired ${s.notAfter}` };
  for (const link of verdictOf(e, now, trust, 'any').links.slice(1)) {
    const revoked = link.checks.find((c) => c.check === 'revocation' && !c.ok);
    if (revoked)
      return { ...base, reason: 'revoked', detail: `the CA above it, "${link.subject}": ${revoked.message}` };
    const above = link.id ? inventory.entries.get(link.id)?.summary : undefined;
    if (above && Date.parse(above.notAfter) <= now.getTime())
      return {
        ...base,
        reason: 'expired',
        detail: `the CA above it, "${link.subject}", expired ${above.notAfter}`,
      };
  }
  return null;
}

/**
 * Splits the chosen CAs (default: all) into those to write, ordered deepest first so every intermediate
 * comes before its issuer and roots come last, and those left out with the reason.
 */
export function planTrustBundle(
  inventory: Inventory,
  caIds: readonly string[] | undefined,
  withCrls: boolean,
  now: Date,
): { cas: TrustBundleCa[]; excluded: ExcludedCa[] } {
  const chosen = caIds ? [...new Set(caIds)].map((id) => inventory.ca(id)) : inventory.cas();
  const excluded: ExcludedCa[] = [];
  const trust = vaultTrust(inventory);
  const kept: { entry: InventoryEntry; depth: number }[] = [];
  for (const entry of chosen) {
    const why = exclusionOf(inventory, entry, now, trust);
    if (why) excluded.push(why);
    else kept.push({ entry, depth: issuerPath(inventory, entry, now, trust).length });
  }
  kept.sort((a, b) => b.depth - a.depth || a.entry.summary.cn.localeCompare(b.entry.summary.cn));
  const cas = kept.map(({ entry }): TrustBundleCa => {
    const crl = withCrls ? inventory.crls.get(entry.summary.id) : undefined;
    return {
      id: entry.summary.id,
      kind: entry.summary.profile === 'root' ? 'root' : 'intermediate',
      der: entry.der,
      ...(crl ? { crl: { der: crl.der, number: crl.number, nextUpdate: crl.nextUpdate } } : {}),
    };
  });
  return { cas, excluded };
}

/** The folder created inside the granted one, made safe for every file system CertDesk exports to. */
function folderNameFor(input: ParsedInput<'export:trustBundle'>): { folderName?: string } {
  return input.folderName !== undefined ? { folderName: safeFolderName(input.folderName) } : {};
}

async function exportTrustBundle(
  ctx: ServiceContext,
  input: ParsedInput<'export:trustBundle'>,
  dir: string,
): Promise<ExportResult> {
  const { inventory } = ctx.session.unlocked();
  const now = ctx.now();
  const plan = planTrustBundle(inventory, input.caIds, input.withCrls ?? false, now);
  if (input.overwrite) {
    const yes = await ctx.dialogs.confirm({
      message: `Replace the folder "${folderNameFor(input).folderName ?? 'certdesk-trust-bundle'}" in ${dir} with a new trust bundle?`,
      detail: 'Everything in that folder is removed, including files CertDesk did not write.',
      confirmLabel: 'Replace',
    });
    if (!yes) throw new AppError('CANCELLED', 'Replacing the existing trust bundle folder was cancelled');
  }
  return writingTo(dir, () =>
    writeTrustBundle({
      targetDir: dir,
      ...plan,
      withCrls: input.withCrls ?? false,
      overwrite: input.overwrite ?? false,
      confirmReplace: (dirs) => confirmReplace(ctx, dirs),
      ...folderNameFor(input),
      now,
    }),
  );
}

export function createTrustBundleHandlers(ctx: ServiceContext): Pick<Handlers, 'export:trustBundle'> {
  return {
    'export:trustBundle': (input) => {
      const dir = ctx.grants.take(input.folderGrant, 'write-folder', 'trust bundle folder');
      return ctx.audit.run(
        'export.trustBundle',
        () => exportTrustBundle(ctx, input, dir),
        (r) => {
          const files = r.bundles[0]?.files ?? [];
          const cas = files.filter((f) => f.endsWith('.crt')).length;
          const left = (r.excluded ?? []).map((e) => `${e.cn} (${e.reason})`);
          return {
            detail: `${cas} CA certificate(s)${input.withCrls ? ' + CRLs' : ''} to ${r.bundles[0]?.dir ?? dir}${left.length ? `; left out ${left.join(', ')}` : ''}`,
          };
        },
        { detail: `to ${dir}` },
      );
    },
  };
}
