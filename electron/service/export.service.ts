import {
  safeFolderName,
  writeExportBundles,
  writeTrustBundle,
  type ExportBundleInput,
  type KeyEncryption,
} from '../core/export';
import { toPem } from '../core/pki';
import type { Handlers, ParsedInput } from '../../shared/ipc/contract';
import type { ExportResult, LeafProfile } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';
import { confirmReplace } from './confirmations';
import type { ConfirmRequest } from './dialogs-port';
import { DANGEROUS_generateExportPassphrase } from '../core/export/generated-passphrase';
import { MIN_PASSPHRASE_LENGTH } from '../core/vault/passphrase';
import { crlPem } from './crl.service';
import { writingTo } from './files';
import type { InventoryEntry } from './inventory';
import { issuerPath, vaultTrust } from './verdicts';
import { createTrustBundleHandlers, planTrustBundle } from './trust-bundle.service';

const certPem = (e: InventoryEntry): string => toPem(e.der, 'CERTIFICATE');

/** export:bundle's input once main has turned the folder grant into the folder the operator chose. */
type ExportRequest = Omit<ParsedInput<'export:bundle'>, 'folderGrant'> & { dir: string };

async function keyEncryptionFor(
  ctx: ServiceContext,
  input: ExportRequest,
  withKeys: InventoryEntry[],
): Promise<KeyEncryption> {
  const anyKey = withKeys.length > 0;
  if (input.unencryptedKeys) {
    if (!input.confirmUnencrypted) {
      throw new AppError(
        'CONFIRMATION_REQUIRED',
        'Unencrypted private keys need an explicit confirmation (confirmUnencrypted: true)',
      );
    }
    // The renderer's two ticks only ask; main's own box, naming the keys and the folder, decides.
    if (anyKey && !(await ctx.dialogs.confirm(unencryptedQuestion(input.dir, withKeys)))) {
      throw new AppError(
        'CONFIRMATION_REQUIRED',
        'Writing unencrypted private keys was not confirmed: nothing was written',
      );
    }
    return { unencrypted: true };
  }
  if (input.keyPassphrase) {
    if (anyKey || input.p12) assertExportPassphrase(input.keyPassphrase);
    return { passphrase: input.keyPassphrase };
  }
  // Certificate-only bundles (e.g. signed from a CSR) carry no key, so no passphrase is needed.
  if (!anyKey && !input.p12) return { unencrypted: true };
  throw new AppError(
    'CONFIRMATION_REQUIRED',
    'Exported keys are encrypted: give a key passphrase (or confirm unencrypted keys)',
  );
}

async function exportBundles(ctx: ServiceContext, input: ExportRequest): Promise<ExportResult> {
  const { inventory } = ctx.session.unlocked();
  const all = input.ids.map((id) => inventory.get(id));
  const cas = all.filter((e) => e.summary.kind === 'ca');
  const leaves = all.filter((e) => e.summary.kind !== 'ca');
  const results: ExportResult[] = [];
  if (leaves.length) results.push(await exportLeafBundles(ctx, input, leaves));
  for (const ca of cas) results.push(await exportCaCertificate(ctx, input, ca));
  return {
    dir: input.dir,
    bundles: results.flatMap((r) => r.bundles),
    unencryptedKeys: results.some((r) => r.unencryptedKeys),
  };
}

/** A CA's certificate leaves as a one-CA trust bundle in DIR/<cn>/ (no key, same safe write). */
async function exportCaCertificate(
  ctx: ServiceContext,
  input: ExportRequest,
  ca: InventoryEntry,
): Promise<ExportResult> {
  const { inventory } = ctx.session.unlocked();
  const now = ctx.now();
  const plan = planTrustBundle(inventory, [ca.summary.id], input.includeCrl ?? false, now);
  const left = plan.excluded[0];
  if (left)
    throw new AppError('NOT_SUPPORTED', `${ca.summary.cn} is ${left.detail}: it must not be distributed`);
  const r = await writingTo(input.dir, () =>
    writeTrustBundle({
      targetDir: input.dir,
      ...plan,
      withCrls: input.includeCrl ?? false,
      overwrite: input.overwrite ?? false,
      confirmReplace: (dirs) => confirmReplace(ctx, dirs),
      folderName: safeFolderName(ca.summary.cn),
      now,
    }),
  );
  return { ...r, bundles: r.bundles.map((b) => ({ ...b, id: ca.summary.id, cn: ca.summary.cn })) };
}

async function exportLeafBundles(
  ctx: ServiceContext,
  input: ExportRequest,
  entries: InventoryEntry[],
): Promise<ExportResult> {
  const { vault, inventory } = ctx.session.unlocked();
  const keyEncryption = await keyEncryptionFor(
    ctx,
    input,
    entries.filter((e) => e.keyRef),
  );
  if (input.p12 && !input.keyPassphrase)
    throw new AppError('CONFIRMATION_REQUIRED', 'A PKCS#12 file needs the key passphrase');
  const keys: Uint8Array[] = [];
  try {
    const bundles: ExportBundleInput[] = [];
    const trust = vaultTrust(inventory);
    for (const e of entries) {
      const chain = issuerPath(inventory, e, ctx.now(), trust);
      const root = chain[chain.length - 1];
      if (!root)
        throw new AppError(
          'EXPORT_FAILED',
          `The issuer of ${e.summary.cn} (${e.summary.issuer}) is not in the vault: no ca.crt to export`,
        );
      const keyPkcs8 = e.keyRef ? await vault.DANGEROUS_unwrapKeyBytes(e.keyRef) : undefined;
      if (keyPkcs8) keys.push(keyPkcs8);
      // The CRL of the issuer in the chain shipped (not the stored issuer id: a CA certificate re-issued for
      // the same key replaces an expired one, whose last CRL is never renewed).
      const issuer = chain[0];
      const crl = input.includeCrl && issuer ? inventory.crls.get(issuer.summary.id) : undefined;
      bundles.push({
        id: e.summary.id,
        folderName: e.summary.cn,
        profile: e.summary.profile as LeafProfile,
        certPem: certPem(e),
        ...(keyPkcs8 ? { keyPkcs8 } : {}),
        caCertPem: certPem(root),
        intermediatesPem: chain.slice(0, -1).map(certPem),
        ...(crl ? { crlPem: crlPem(crl.der) } : {}),
        ...(input.p12 && input.keyPassphrase && keyPkcs8
          ? { p12: { mode: input.p12, passphrase: input.keyPassphrase } }
          : {}),
      });
    }
    return await writingTo(input.dir, () =>
      writeExportBundles({
        targetDir: input.dir,
        bundles,
        keyEncryption,
        overwrite: input.overwrite ?? false,
        confirmReplace: (dirs) => confirmReplace(ctx, dirs),
        now: ctx.now(),
      }),
    );
  } finally {
    for (const k of keys) k.fill(0);
  }
}

export function createExportHandlers(
  ctx: ServiceContext,
): Pick<Handlers, 'export:bundle' | 'export:trustBundle'> {
  return {
    'export:bundle': async ({ folderGrant, generatePassphrase, ...rest }) => {
      const input: ExportRequest = {
        ...rest,
        dir: ctx.grants.take(folderGrant, 'write-folder', 'export folder'),
      };
      if (generatePassphrase) input.keyPassphrase = await generatedPassphrase(ctx, input);
      const result = await ctx.audit.run(
        'export.bundle',
        () => exportBundles(ctx, input),
        (r) => ({ detail: `${r.bundles.length} folder(s) to ${r.dir}` }),
        {
          detail: `to ${input.dir}: ${input.ids.join(', ')}`.slice(0, 400),
        },
      );
      // One line per certificate, so the trail names every subject whose key left the vault and how.
      const { inventory } = ctx.session.unlocked();
      for (const b of result.bundles) {
        const s = inventory.get(b.id).summary;
        const keyNote = !s.hasKey
          ? 'certificate only'
          : result.unencryptedKeys
            ? 'UNENCRYPTED private key'
            : 'encrypted private key';
        await ctx.audit.record('export.bundle', 'ok', {
          subject: s.subject,
          serial: s.serial,
          sha256: s.sha256,
          detail: `${keyNote}${input.p12 ? `, PKCS#12 (${input.p12})` : ''} to ${b.dir}`,
        });
      }
      return result;
    },
    ...createTrustBundleHandlers(ctx),
  };
}

/**
 * Makes the key passphrase in main and shows it once, in main's own box: the renderer never sees it and
 * nothing logs it. Without the operator's "saved it" nothing is written (a key nobody can open is worse).
 */
async function generatedPassphrase(ctx: ServiceContext, input: ExportRequest): Promise<string> {
  if (input.keyPassphrase !== undefined || input.unencryptedKeys)
    throw new AppError(
      'INVALID_INPUT',
      'Generate a passphrase, give one, or export unencrypted keys: only one of them',
    );
  const passphrase = DANGEROUS_generateExportPassphrase();
  const saved = await ctx.dialogs.confirm({
    message: `The exported keys in ${input.dir} will be encrypted with this passphrase: ${passphrase}`,
    detail:
      'It is shown only now and CertDesk keeps no copy: store it in your password manager or write it down before you continue.',
    confirmLabel: 'I have saved it — export',
  });
  if (!saved)
    throw new AppError(
      'CANCELLED',
      'The generated passphrase was not confirmed as saved: nothing was written',
    );
  return passphrase;
}

/** Same rule as the vault's passphrase: a lost USB stick is attacked offline, so short ones are refused. */
function assertExportPassphrase(passphrase: string): void {
  const length = [...passphrase.normalize('NFC')].length;
  if (length < MIN_PASSPHRASE_LENGTH)
    throw new AppError(
      'WEAK_PASSPHRASE',
      `The export passphrase must be at least ${MIN_PASSPHRASE_LENGTH} characters long (got ${length})`,
    );
}

function unencryptedQuestion(dir: string, withKeys: InventoryEntry[]): ConfirmRequest {
  const names = withKeys.map((e) => e.summary.cn);
  const shown =
    names.length > 5 ? `${names.slice(0, 5).join(', ')} and ${names.length - 5} more` : names.join(', ');
  return {
    message: `Write the private key${names.length > 1 ? 's' : ''} of ${shown} UNENCRYPTED into ${dir}?`,
    detail:
      'Anyone who can read these files can impersonate the service. Delete them once deployed. The export is recorded in the audit log.',
    confirmLabel: 'Write unencrypted keys',
  };
}
