/**
 * Trust bundle: the CA certificates relying parties install (no keys), optionally with each CA's latest
 * CRL, a manifest, checksums and a README saying where each file goes. Written all-or-nothing.
 */
import type { ExportResult } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { sha256sums, safeFolderName } from './bundle-files';
import { certInfoFromDer } from '../pki/cert-info';
import { toPem } from '../pki/pem';
import { writeFoldersAtomically, type ExportFs, type OutFile, type SafeWriteHooks } from './safe-write';
import { renderTrustBundleReadme } from './trust-bundle-readme';

export interface TrustBundleCa {
  id: string;
  kind: 'root' | 'intermediate';
  der: Uint8Array;
  /** the CA's latest CRL, written when `withCrls` */
  crl?: { der: Uint8Array; number: number; nextUpdate: string };
}

export interface ExcludedCa {
  id: string;
  cn: string;
  sha256: string;
  reason: 'revoked' | 'expired';
  /** e.g. "revoked 2026-01-02T00:00:00.000Z (keyCompromise)" */
  detail: string;
}

export interface WriteTrustBundleInput {
  /** An existing folder; the bundle folder is created inside it. */
  targetDir: string;
  /** In ca-bundle.pem order: intermediates before the CAs that issued them, roots last. */
  cas: TrustBundleCa[];
  /** CAs the operator chose or the vault holds that were left out, listed in manifest.json. */
  excluded?: ExcludedCa[];
  /** Also write `<ca>.crl` (PEM) and `<ca>.crl.der` for every CA that has a CRL. Default false. */
  withCrls?: boolean;
  overwrite?: boolean;
  /** asked once before a previous trust bundle of the same name is replaced; a "no" writes nothing */
  confirmReplace?: (dirs: string[]) => Promise<boolean>;
  /** Folder created inside targetDir, taken as is (one path segment). Default "certdesk-trust-bundle". */
  folderName?: string;
  /** Written into manifest.json. */
  now: Date;
  fs?: ExportFs;
  hooks?: SafeWriteHooks;
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const DEFAULT_FOLDER = 'certdesk-trust-bundle';
const RESERVED = ['ca-bundle.pem', 'sha256sums', 'manifest.json', 'readme.txt'];

function uniqueName(base: string, used: Set<string>): string {
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}-${n}`;
  used.add(name.toLowerCase());
  return name;
}

/** An explicit folder name must be one plain path segment, so the bundle cannot land outside targetDir. */
function checkedFolderName(name: string | undefined): string {
  if (name === undefined) return DEFAULT_FOLDER;
  if (!name || name === '.' || name === '..' || /[/\\\0]/.test(name))
    throw new AppError('INVALID_INPUT', `"${name}" is not a folder name (one path segment expected)`);
  return name;
}

export async function writeTrustBundle(input: WriteTrustBundleInput): Promise<ExportResult> {
  if (input.cas.length === 0) {
    const left = (input.excluded ?? []).map((e) => `${e.cn} (${e.reason})`).join(', ');
    throw new AppError(
      'NOT_FOUND',
      `No CA certificate to put in the trust bundle${left ? `: left out ${left}` : ''}`,
    );
  }
  const folder = checkedFolderName(input.folderName);
  const used = new Set<string>(RESERVED);
  const cas = input.cas.map((c, i) => ({ ...c, info: certInfoFromDer(c.der, `CA certificate #${i + 1}`) }));
  const files: OutFile[] = [
    {
      name: 'ca-bundle.pem',
      data: enc(cas.map((c) => toPem(c.der, 'CERTIFICATE')).join('')),
      mode: 0o644,
    },
  ];
  const entries = cas.map((c) => {
    const name = uniqueName(safeFolderName(c.info.cn || c.info.sha256.slice(0, 16)), used);
    files.push({ name: `${name}.crt`, data: enc(toPem(c.der, 'CERTIFICATE')), mode: 0o644 });
    let crl: { pem: string; der: string; number: number; nextUpdate: string } | undefined;
    if (input.withCrls && c.crl) {
      files.push({ name: `${name}.crl`, data: enc(toPem(c.crl.der, 'X509 CRL')), mode: 0o644 });
      files.push({ name: `${name}.crl.der`, data: c.crl.der, mode: 0o644 });
      crl = {
        pem: `${name}.crl`,
        der: `${name}.crl.der`,
        number: c.crl.number,
        nextUpdate: c.crl.nextUpdate,
      };
    }
    return {
      file: `${name}.crt`,
      id: c.id,
      cn: c.info.cn,
      kind: c.kind,
      subject: c.info.x509.subject.split('\n').join(', '),
      issuer: c.info.x509.issuer.split('\n').join(', '),
      serial: c.info.serial,
      notBefore: c.info.notBefore.toISOString(),
      notAfter: c.info.notAfter.toISOString(),
      sha256: c.info.sha256,
      ...(crl ? { crl } : {}),
    };
  });
  const manifest = {
    format: 'certdesk-trust-bundle',
    version: 2,
    createdAt: input.now.toISOString(),
    bundleOrder: 'ca-bundle.pem lists intermediates before the CAs that issued them; roots come last',
    cas: entries,
    excluded: (input.excluded ?? []).map((e) => ({ ...e })),
  };
  files.push({ name: 'manifest.json', data: enc(`${JSON.stringify(manifest, null, 2)}\n`), mode: 0o644 });
  files.push({
    name: 'README.txt',
    data: enc(
      renderTrustBundleReadme({
        cas: entries.map((e) => ({ file: e.file, cn: e.cn, kind: e.kind, notAfter: e.notAfter })),
        crls: entries.flatMap((e) => (e.crl ? [e.crl] : [])),
        excluded: input.excluded ?? [],
      }),
    ),
    mode: 0o644,
  });
  files.push({ name: 'SHA256SUMS', data: enc(sha256sums(files)), mode: 0o644 });
  const [dir] = await writeFoldersAtomically(input.targetDir, [{ name: folder, files }], {
    overwrite: input.overwrite ?? false,
    ...(input.confirmReplace ? { confirmReplace: input.confirmReplace } : {}),
    ...(input.fs ? { fs: input.fs } : {}),
    ...(input.hooks ? { hooks: input.hooks } : {}),
  });
  return {
    dir: input.targetDir,
    bundles: [{ id: folder, cn: cas[0]?.info.cn ?? '', dir: dir ?? '', files: files.map((f) => f.name) }],
    unencryptedKeys: false,
    excluded: (input.excluded ?? []).map((e) => ({ id: e.id, cn: e.cn, reason: e.reason, detail: e.detail })),
  };
}
