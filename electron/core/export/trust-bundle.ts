/** Trust bundle / whole-PKI bundle (product.md §7): every CA certificate, their CRLs, checksums. No keys. */
import type { ExportResult } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { sha256sums, safeFolderName } from './bundle-files';
import { certInfosFromPem } from './cert-info';
import { pemBlocksOf, toPem } from './pem';
import { writeFoldersAtomically, type ExportFs, type OutFile, type SafeWriteHooks } from './safe-write';

export interface WriteTrustBundleInput {
  targetDir: string;
  caCertsPem: string[];
  crlsPem: string[];
  overwrite?: boolean;
  /** Folder created inside targetDir. Default "certdesk-trust-bundle". */
  folderName?: string;
  /** Written into manifest.json. */
  now: Date;
  fs?: ExportFs;
  hooks?: SafeWriteHooks;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
  used.add(name.toLowerCase());
  return name;
}

export async function writeTrustBundle(input: WriteTrustBundleInput): Promise<ExportResult> {
  const cas = input.caCertsPem.flatMap((p, i) => certInfosFromPem(p, `CA certificate #${i + 1}`));
  if (cas.length === 0) throw new AppError('INVALID_INPUT', 'Trust bundle: no CA certificate given');
  const used = new Set<string>(['ca-bundle.pem', 'sha256sums', 'manifest.json']);
  const files: OutFile[] = [
    { name: 'ca-bundle.pem', data: enc(cas.map((c) => toPem('CERTIFICATE', c.der)).join('')), mode: 0o644 },
  ];
  const caEntries = cas.map((c) => {
    const name = uniqueName(safeFolderName(c.cn || c.sha256.slice(0, 16)), used);
    files.push({ name: `${name}.crt`, data: enc(toPem('CERTIFICATE', c.der)), mode: 0o644 });
    return {
      file: `${name}.crt`,
      cn: c.cn,
      serial: c.serial,
      notAfter: c.notAfter.toISOString(),
      sha256: c.sha256,
    };
  });
  const crlFiles = input.crlsPem.flatMap((p, i) =>
    pemBlocksOf(p, 'X509 CRL', `CRL #${i + 1}`).map((d, j) => {
      const name = uniqueName(`crl-${i + 1}${j > 0 ? `-${j + 1}` : ''}`, used);
      files.push({ name: `${name}.pem`, data: enc(toPem('X509 CRL', d)), mode: 0o644 });
      return `${name}.pem`;
    }),
  );
  const manifest = {
    format: 'certdesk-trust-bundle',
    version: 1,
    createdAt: input.now.toISOString(),
    cas: caEntries,
    crls: crlFiles,
  };
  files.push({ name: 'manifest.json', data: enc(`${JSON.stringify(manifest, null, 2)}\n`), mode: 0o644 });
  files.push({ name: 'SHA256SUMS', data: enc(sha256sums(files)), mode: 0o644 });
  const folder = safeFolderName(input.folderName ?? 'certdesk-trust-bundle');
  const [dir] = await writeFoldersAtomically(input.targetDir, [{ name: folder, files }], {
    overwrite: input.overwrite ?? false,
    ...(input.fs ? { fs: input.fs } : {}),
    ...(input.hooks ? { hooks: input.hooks } : {}),
  });
  return {
    dir: input.targetDir,
    bundles: [{ id: folder, cn: cas[0]?.cn ?? '', dir: dir ?? '', files: files.map((f) => f.name) }],
    unencryptedKeys: false,
  };
}
