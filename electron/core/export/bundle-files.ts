/** Computes, in memory, the files of one per-service export bundle (no disk access). */
import type { LeafProfile } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { EKU, certInfosFromPem, firstCertInfo, type CertInfo } from '../pki/cert-info';
import { DANGEROUS_encryptPkcs8, assertPkcs8 } from './encrypted-pkcs8';
import { pemBlocksOf, toPem } from '../pki/pem';
import { DANGEROUS_buildPkcs12, type Pkcs12Mode } from './pkcs12';
import { MIN_PBKDF2_ITERATIONS } from './pbes2';
import type { DerivedKeyCache } from './key-cache';
import { renderReadme } from './readme';
import { sha256Hex, type OutFile, type OutFolder } from './safe-write';

export interface ExportBundleInput {
  /** Returned in ExportResult (the service passes the certificate id). Default: the folder name. */
  id?: string;
  /** Usually the CN; sanitised here for FAT/NTFS/ext4 alike. */
  folderName: string;
  profile: LeafProfile;
  certPem: string;
  /** Unencrypted PKCS#8 DER; omit for a certificate-only bundle. */
  keyPkcs8?: Uint8Array;
  /** The root CA certificate. */
  caCertPem: string;
  /** Intermediates, issuer of the leaf first. */
  intermediatesPem: string[];
  crlPem?: string;
  p12?: { mode: Pkcs12Mode; passphrase: string };
}

export type KeyEncryption = { passphrase: string; iterations?: number } | { unencrypted: true };

export interface BuiltBundle {
  folder: OutFolder;
  id: string;
  cn: string;
}

const KEY_FORMAT = 'PKCS#8 PEM, PBES2 (PBKDF2-HMAC-SHA256, 600000+ iterations, 16-byte salt) + AES-256-CBC';

/** File-name-safe on every OS we package for; never empty, never "." or "..", at most 64 characters. */
export function safeFolderName(name: string): string {
  const cleaned = name
    .normalize('NFC')
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._-]+/, '')
    .slice(0, 64)
    .replace(/[._ ]+$/, ''); // Windows drops trailing dots and spaces; a trailing "_" is just noise
  return cleaned.length > 0 ? cleaned : 'certificate';
}

function pairsFor(profile: LeafProfile, leaf: CertInfo): ('server' | 'client' | 'tls')[] {
  if (profile === 'server') return ['server'];
  if (profile === 'client') return ['client'];
  if (profile === 'service') return ['server', 'client'];
  const ekus = leaf.ekus ?? [];
  const pairs: ('server' | 'client')[] = [];
  if (ekus.includes(EKU.serverAuth)) pairs.push('server');
  if (ekus.includes(EKU.clientAuth)) pairs.push('client');
  return pairs.length > 0 ? pairs : ['tls'];
}

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

export async function buildBundleFiles(
  b: ExportBundleInput,
  folderName: string,
  keyEncryption: KeyEncryption,
  now: Date,
  keyCache?: DerivedKeyCache,
): Promise<BuiltBundle> {
  const what = `bundle "${folderName}"`;
  const leaf = firstCertInfo(b.certPem, `${what}: certificate`);
  const root = firstCertInfo(b.caCertPem, `${what}: CA certificate`);
  const inters = b.intermediatesPem.flatMap((p, i) => certInfosFromPem(p, `${what}: intermediate #${i + 1}`));
  const pairs = pairsFor(b.profile, leaf);
  const chainPem = inters.map((c) => toPem(c.der, 'CERTIFICATE')).join('');
  const leafPem = toPem(leaf.der, 'CERTIFICATE');
  // server.crt/client.crt carry the intermediates too: Go's LoadX509KeyPair sends every certificate of the file,
  // so a leaf-only file would break chains with intermediates. Without intermediates it is just the leaf.
  const fullchain = leafPem + chainPem;
  const files: (OutFile & { role: string })[] = [
    { name: 'ca.crt', data: enc(toPem(root.der, 'CERTIFICATE')), mode: 0o644, role: 'root-ca' },
  ];

  let keyPem: string | null = null;
  if (b.keyPkcs8) {
    assertPkcs8(b.keyPkcs8, what);
    if ('unencrypted' in keyEncryption && keyEncryption.unencrypted === true)
      keyPem = toPem(b.keyPkcs8, 'PRIVATE KEY');
    else if ('passphrase' in keyEncryption)
      keyPem = await DANGEROUS_encryptPkcs8(b.keyPkcs8, keyEncryption.passphrase, {
        ...(keyEncryption.iterations ? { iterations: keyEncryption.iterations } : {}),
        ...(keyCache ? { keyCache } : {}),
      });
    else
      throw new AppError(
        'CONFIRMATION_REQUIRED',
        `${what}: keys are exported encrypted unless { unencrypted: true } is passed explicitly`,
      );
  }
  for (const pair of pairs) {
    files.push({ name: `${pair}.crt`, data: enc(fullchain), mode: 0o644, role: `${pair}-certificate` });
    if (keyPem) files.push({ name: `${pair}.key`, data: enc(keyPem), mode: 0o600, role: `${pair}-key` });
  }
  // Always present so scripts and deploy tooling can rely on the seed-style file set; empty for a leaf
  // issued directly by the root.
  files.push({ name: 'chain.pem', data: enc(chainPem), mode: 0o644, role: 'intermediates' });
  files.push({ name: 'fullchain.pem', data: enc(fullchain), mode: 0o644, role: 'fullchain' });
  if (b.crlPem) {
    const crls = pemBlocksOf(b.crlPem, 'X509 CRL', `${what}: CRL`).map((d) => toPem(d, 'X509 CRL'));
    files.push({ name: 'crl.pem', data: enc(crls.join('')), mode: 0o644, role: 'crl' });
  }
  let p12File: { file: string; mode: Pkcs12Mode } | null = null;
  if (b.p12) {
    if (!b.keyPkcs8)
      throw new AppError(
        'INVALID_INPUT',
        `${what}: a .p12 needs the private key, which this export does not have`,
      );
    const p12 = await DANGEROUS_buildPkcs12({
      keyPkcs8: b.keyPkcs8,
      certDer: leaf.der,
      chainDers: [...inters.map((c) => c.der), root.der],
      friendlyName: leaf.cn || folderName,
      passphrase: b.p12.passphrase,
      mode: b.p12.mode,
      ...(keyCache ? { keyCache } : {}),
    });
    p12File = { file: `${folderName}.p12`, mode: b.p12.mode };
    files.push({ name: p12File.file, data: p12, mode: 0o600, role: `pkcs12-${b.p12.mode}` });
  }
  const keyEncrypted = keyPem !== null && !('unencrypted' in keyEncryption);
  const notAfter = leaf.notAfter.toISOString();
  files.push({
    name: 'README.txt',
    mode: 0o644,
    role: 'readme',
    data: enc(
      renderReadme({
        sans: leaf.x509.subjectAltName ?? '',
        keyIterations: ('passphrase' in keyEncryption && keyEncryption.iterations) || MIN_PBKDF2_ITERATIONS,
        cn: leaf.cn,
        profile: b.profile,
        serial: leaf.serial,
        notAfter,
        pairs,
        hasKey: keyPem !== null,
        keyEncrypted,
        hasChain: inters.length > 0,
        hasCrl: Boolean(b.crlPem),
        p12: p12File,
      }),
    ),
  });
  const manifest = {
    format: 'certdesk-export-bundle',
    version: 1,
    createdAt: now.toISOString(),
    id: b.id ?? folderName,
    cn: leaf.cn,
    profile: b.profile,
    serial: leaf.serial,
    notBefore: leaf.notBefore.toISOString(),
    notAfter,
    sha256: leaf.sha256,
    issuerRoot: { cn: root.cn, sha256: root.sha256 },
    intermediates: inters.map((c) => ({ cn: c.cn, sha256: c.sha256 })),
    key:
      keyPem === null
        ? null
        : { encrypted: keyEncrypted, format: keyEncrypted ? KEY_FORMAT : 'PKCS#8 PEM, unencrypted' },
    p12: p12File,
    files: files.map((f) => ({
      name: f.name,
      role: f.role,
      bytes: f.data.length,
      sha256: sha256Hex(f.data),
      mode: `0${f.mode.toString(8)}`,
    })),
  };
  files.push({
    name: 'manifest.json',
    data: enc(`${JSON.stringify(manifest, null, 2)}\n`),
    mode: 0o644,
    role: 'manifest',
  });
  files.push({ name: 'SHA256SUMS', data: enc(sha256sums(files)), mode: 0o644, role: 'checksums' });
  return {
    id: b.id ?? folderName,
    cn: leaf.cn,
    folder: { name: folderName, files: files.map(({ name, data, mode }) => ({ name, data, mode })) },
  };
}

/** GNU coreutils format ("<hex>  <name>"), which `sha256sum -c` accepts. */
export function sha256sums(files: { name: string; data: Uint8Array }[]): string {
  return [...files]
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .map((f) => `${sha256Hex(f.data)}  ${f.name}\n`)
    .join('');
}
