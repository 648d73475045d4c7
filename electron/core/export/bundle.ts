/** Per-service export bundles (product.md §7), written all-or-nothing onto the operator's target folder. */
import type { ExportResult } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { buildBundleFiles, safeFolderName, type ExportBundleInput, type KeyEncryption } from './bundle-files';
import { firstCertInfo } from '../pki/cert-info';
import { DerivedKeyCache } from './key-cache';
import {
  confirmReplacing,
  preflight,
  writeFoldersAtomically,
  type ExportFs,
  type SafeWriteHooks,
} from './safe-write';

export type { ExportBundleInput, KeyEncryption } from './bundle-files';

export interface WriteExportBundlesInput {
  /** An existing folder (e.g. the USB stick's mount point); it is never created. */
  targetDir: string;
  bundles: ExportBundleInput[];
  /** `{ passphrase }` encrypts every key; `{ unencrypted: true }` only after the operator confirmed (the service audits it). */
  keyEncryption: KeyEncryption;
  /**
   * Replace existing bundle folders of the same name, each only when it is an unchanged previous CertDesk
   * export of the same certificate. Default false: EXPORT_TARGET_EXISTS before writing anything.
   */
  overwrite?: boolean;
  /** asked once, with the folders about to be replaced, before any key is encrypted or file written */
  confirmReplace?: (dirs: string[]) => Promise<boolean>;
  /** Written into each manifest.json. */
  now: Date;
  /** Test seams: a faulty file system, a hook between writing and verifying. */
  fs?: ExportFs;
  hooks?: SafeWriteHooks;
}

/**
 * Folder names: sanitised; a case-insensitive clash (same CN twice, e.g. a renewed certificate) gets the
 * serial's first 8 hex digits appended, since FAT/exFAT sticks cannot hold "A" and "a" side by side.
 */
function folderNames(bundles: ExportBundleInput[]): string[] {
  const used = new Set<string>();
  return bundles.map((b, i) => {
    let name = safeFolderName(b.folderName);
    if (used.has(name.toLowerCase()))
      name = `${name}-${firstCertInfo(b.certPem, `bundle #${i + 1}`)
        .serial.slice(0, 8)
        .toLowerCase()}`;
    used.add(name.toLowerCase());
    return name;
  });
}

export async function writeExportBundles(input: WriteExportBundlesInput): Promise<ExportResult> {
  if (input.bundles.length === 0) throw new AppError('INVALID_INPUT', 'Nothing to export: no bundles given');
  const ke = input.keyEncryption as Partial<{ passphrase: unknown; unencrypted: unknown }>;
  const unencrypted = ke.unencrypted === true;
  if (!unencrypted && (typeof ke.passphrase !== 'string' || ke.passphrase.length === 0)) {
    throw new AppError(
      'CONFIRMATION_REQUIRED',
      'Keys are exported encrypted: give a passphrase, or { unencrypted: true } after explicit confirmation',
    );
  }
  const names = folderNames(input.bundles);
  const opts = {
    overwrite: input.overwrite ?? false,
    ...(input.fs ? { fs: input.fs } : {}),
    ...(input.hooks ? { hooks: input.hooks } : {}),
  };
  const sameCertificate = input.bundles.map(
    (b, i) => (manifest: Record<string, unknown>) =>
      manifest.format === 'certdesk-export-bundle' &&
      manifest.sha256 === firstCertInfo(b.certPem, `bundle #${i + 1}`).sha256,
  );
  const planned = names.map((name, i) => ({ name, replaces: sameCertificate[i] }));
  // Fail fast on an existing folder or a missing target before spending seconds on key encryption.
  await confirmReplacing(await preflight(input.targetDir, planned, opts), {
    ...(input.confirmReplace ? { confirmReplace: input.confirmReplace } : {}),
  });
  const built = [];
  const keyCache = new DerivedKeyCache();
  try {
    for (const [i, b] of input.bundles.entries())
      built.push(
        await buildBundleFiles(b, names[i] ?? b.folderName, input.keyEncryption, input.now, keyCache),
      );
  } finally {
    await keyCache.clear();
  }
  const dirs = await writeFoldersAtomically(
    input.targetDir,
    built.map((b, i) => ({ ...b.folder, ...(sameCertificate[i] ? { replaces: sameCertificate[i] } : {}) })),
    opts,
  );
  return {
    dir: input.targetDir,
    bundles: built.map((b, i) => ({
      id: b.id,
      cn: b.cn,
      dir: dirs[i] ?? '',
      files: b.folder.files.map((f) => f.name),
    })),
    unencryptedKeys: unencrypted && input.bundles.some((b) => b.keyPkcs8 !== undefined),
  };
}
