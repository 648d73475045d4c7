import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeExportBundles, type ExportBundleInput, type WriteExportBundlesInput } from './bundle';
import type { ExportFs } from './safe-write';
import { pemBlocksOf } from '../pki/pem';
import { writeTrustBundle } from './trust-bundle';
import { TestCa, type TestCert } from './testing/openssl-pki';

let dir: string;
let ca: TestCa;
let leafA: TestCert;
let leafB: TestCert;
const now = new Date('2026-03-01T00:00:00Z');

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'certdesk-faults-'));
  ca = TestCa.root(join(dir, 'ca'));
  leafA = ca.issue({ cn: 'user-service', san: 'DNS:user-service', eku: 'serverAuth' });
  leafB = ca.issue({ cn: 'billing-service', eku: 'clientAuth' });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function bundle(
  leaf: TestCert,
  folderName: string,
  profile: ExportBundleInput['profile'],
): ExportBundleInput {
  return {
    folderName,
    profile,
    certPem: leaf.certPem,
    keyPkcs8: leaf.keyPkcs8,
    caCertPem: ca.certPem,
    intermediatesPem: [],
  };
}

/** Fault tests use unencrypted keys: they are about the file system, not about 600k-iteration key encryption. */
function input(targetDir: string, extra: Partial<WriteExportBundlesInput> = {}): WriteExportBundlesInput {
  return {
    targetDir,
    now,
    keyEncryption: { unencrypted: true },
    bundles: [bundle(leafA, 'user-service', 'server'), bundle(leafB, 'billing-service', 'client')],
    ...extra,
  };
}

function freshTarget(name: string): string {
  const t = join(dir, name);
  mkdirSync(t);
  return t;
}

/** Everything under `root`, as relative paths: proves nothing partial was left behind. */
function tree(root: string): string[] {
  return readdirSync(root, { recursive: true, encoding: 'utf8' }).sort();
}

describe('writeExportBundles faults', () => {
  it('refuses an existing bundle folder before writing anything, leaving it unchanged', async () => {
    const t = freshTarget('exists');
    mkdirSync(join(t, 'billing-service'));
    writeFileSync(join(t, 'billing-service', 'client.crt'), 'old contents');
    const before = tree(t);
    await expect(writeExportBundles(input(t))).rejects.toMatchObject({
      code: 'EXPORT_TARGET_EXISTS',
      message: expect.stringContaining('billing-service'),
    });
    expect(tree(t)).toEqual(before);
    expect(readFileSync(join(t, 'billing-service', 'client.crt'), 'utf8')).toBe('old contents');
  });

  it('gives a second bundle whose folder name differs only in case a serial suffix (FAT/exFAT are case-insensitive)', async () => {
    const t = freshTarget('same-name');
    const res = await writeExportBundles(
      input(t, {
        bundles: [bundle(leafA, 'user-service', 'server'), bundle(leafA, 'USER-SERVICE', 'server')],
      }),
    );
    const serial =
      leafA.certPem &&
      execFileSync('openssl', ['x509', '-noout', '-serial', '-in', leafA.certPath], { encoding: 'utf8' })
        .trim()
        .slice(7)
        .toLowerCase();
    expect(res.bundles.map((b) => b.dir)).toEqual([
      join(t, 'user-service'),
      join(t, `USER-SERVICE-${serial.slice(0, 8)}`),
    ]);
  });

  it('replaces a previous export of the same certificate with overwrite: true', async () => {
    const t = freshTarget('overwrite');
    await writeExportBundles(input(t));
    const before = readFileSync(join(t, 'user-service', 'manifest.json'), 'utf8');
    const asked: string[][] = [];
    const res = await writeExportBundles(
      input(t, {
        overwrite: true,
        now: new Date('2026-03-02T00:00:00Z'),
        confirmReplace: async (dirs) => (asked.push(dirs), true),
      }),
    );
    expect(asked).toEqual([[join(t, 'user-service'), join(t, 'billing-service')]]);
    expect(res.unencryptedKeys).toBe(true);
    expect(readFileSync(join(t, 'user-service', 'manifest.json'), 'utf8')).not.toBe(before);
    expect(readFileSync(join(t, 'user-service', 'server.key'), 'utf8')).toContain('BEGIN PRIVATE KEY');
    expect(tree(t).filter((p) => p.startsWith('.certdesk-export-'))).toEqual([]);
  });

  it('never replaces a folder CertDesk did not write: precious.txt survives, nothing is written', async () => {
    const t = freshTarget('precious');
    mkdirSync(join(t, 'user-service'));
    writeFileSync(join(t, 'user-service', 'precious.txt'), 'family photos');
    await expect(writeExportBundles(input(t, { overwrite: true }))).rejects.toMatchObject({
      code: 'EXPORT_TARGET_EXISTS',
      message: expect.stringContaining(`"${join(t, 'user-service')}" already exists`),
    });
    expect(tree(t)).toEqual(['user-service', 'user-service/precious.txt']);
  });

  it('never replaces a previous export with a file added, changed, or of another certificate', async () => {
    const t = freshTarget('tampered');
    await writeExportBundles(input(t));
    const folder = join(t, 'user-service');
    writeFileSync(join(folder, 'notes.txt'), 'mine');
    await expect(writeExportBundles(input(t, { overwrite: true }))).rejects.toMatchObject({
      message: expect.stringContaining('did not write (notes.txt)'),
    });
    rmSync(join(folder, 'notes.txt'));
    writeFileSync(join(folder, 'README.txt'), 'edited by the operator');
    await expect(writeExportBundles(input(t, { overwrite: true }))).rejects.toMatchObject({
      message: expect.stringContaining('"README.txt", changed since CertDesk wrote it'),
    });
    const other = freshTarget('other-cert');
    await writeExportBundles(input(other, { bundles: [bundle(leafB, 'user-service', 'client')] }));
    await expect(
      writeExportBundles(
        input(other, { overwrite: true, bundles: [bundle(leafA, 'user-service', 'server')] }),
      ),
    ).rejects.toMatchObject({ message: expect.stringContaining('export of another certificate') });
    expect(readFileSync(join(other, 'user-service', 'client.crt'), 'utf8')).toBe(leafB.certPem);
  });

  it('writes and deletes nothing when replacing is not confirmed', async () => {
    const t = freshTarget('declined');
    await writeExportBundles(input(t));
    const before = tree(t);
    const manifest = readFileSync(join(t, 'user-service', 'manifest.json'), 'utf8');
    await expect(
      writeExportBundles(input(t, { overwrite: true, confirmReplace: async () => false })),
    ).rejects.toMatchObject({
      code: 'EXPORT_TARGET_EXISTS',
      message: expect.stringContaining('not confirmed'),
    });
    expect(tree(t)).toEqual(before);
    expect(readFileSync(join(t, 'user-service', 'manifest.json'), 'utf8')).toBe(manifest);
  });

  it('requires a passphrase or an explicit { unencrypted: true }', async () => {
    const t = freshTarget('confirm');
    await expect(writeExportBundles(input(t, { keyEncryption: { passphrase: '' } }))).rejects.toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
    });
    await expect(writeExportBundles(input(t, { keyEncryption: {} as never }))).rejects.toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
    });
    expect(tree(t)).toEqual([]);
  });

  it('reports a missing target folder as EXPORT_TARGET_UNWRITABLE naming the path', async () => {
    const missing = join(dir, 'no-such-usb');
    await expect(writeExportBundles(input(missing))).rejects.toMatchObject({
      code: 'EXPORT_TARGET_UNWRITABLE',
      message: expect.stringMatching(/no-such-usb.*does not exist.*ENOENT/),
    });
  });

  it('reports a target whose parent is a regular file (ENOTDIR) as EXPORT_TARGET_UNWRITABLE', async () => {
    writeFileSync(join(dir, 'plain-file'), 'x');
    await expect(writeExportBundles(input(join(dir, 'plain-file', 'sub')))).rejects.toMatchObject({
      code: 'EXPORT_TARGET_UNWRITABLE',
      message: expect.stringContaining('ENOTDIR'),
    });
    await expect(writeExportBundles(input(join(dir, 'plain-file')))).rejects.toMatchObject({
      code: 'EXPORT_TARGET_UNWRITABLE',
      message: expect.stringContaining('not a folder'),
    });
  });

  it('reports a permission error from the drive (injected EACCES) as EXPORT_TARGET_UNWRITABLE and leaves nothing', async () => {
    const t = freshTarget('eacces');
    const fs: ExportFs = {
      ...fsp,
      open: (async (p: string, ...rest: unknown[]) => {
        if (p.endsWith('server.key'))
          throw Object.assign(new Error(`EACCES: permission denied, open '${p}'`), { code: 'EACCES' });
        return (fsp.open as (...a: unknown[]) => Promise<fsp.FileHandle>)(p, ...rest);
      }) as ExportFs['open'],
    };
    await expect(writeExportBundles(input(t, { fs }))).rejects.toMatchObject({
      code: 'EXPORT_TARGET_UNWRITABLE',
      message: expect.stringContaining('permission denied (EACCES)'),
    });
    expect(tree(t)).toEqual([]);
  });

  it('still exports to a drive without POSIX modes (FAT/exFAT: chmod fails with EPERM)', async () => {
    const t = freshTarget('fat');
    const fs: ExportFs = {
      ...fsp,
      open: async (...args: Parameters<typeof fsp.open>) => {
        const h = await fsp.open(...args);
        h.chmod = () =>
          Promise.reject(
            Object.assign(new Error('EPERM: operation not permitted, fchmod'), { code: 'EPERM' }),
          );
        return h;
      },
    };
    const res = await writeExportBundles(input(t, { fs }));
    expect(res.bundles.map((b) => b.dir)).toEqual([join(t, 'user-service'), join(t, 'billing-service')]);
    expect(
      execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: join(t, 'user-service'), encoding: 'utf8' }),
    ).not.toMatch(/FAILED/);
  });

  it('fails cleanly when the target disappears between writing and verifying (drive pulled)', async () => {
    const t = freshTarget('pulled');
    const err = await writeExportBundles(
      input(t, { hooks: { beforeVerify: () => rmSync(t, { recursive: true, force: true }) } }),
    ).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'EXPORT_FAILED', message: expect.stringContaining('ENOENT') });
    mkdirSync(t, { recursive: true });
    expect(tree(t)).toEqual([]);
  });

  it('fails when a file does not read back with its checksum (injected corruption), leaving no bundle', async () => {
    const t = freshTarget('corrupt');
    const fs: ExportFs = {
      ...fsp,
      readFile: (async (p: string) => {
        const data = await fsp.readFile(p);
        if (p.endsWith(join('billing-service', 'client.crt'))) data[10] = (data[10] ?? 0) ^ 0xff;
        return data;
      }) as ExportFs['readFile'],
    };
    await expect(writeExportBundles(input(t, { fs }))).rejects.toMatchObject({
      code: 'EXPORT_FAILED',
      message: expect.stringContaining('billing-service/client.crt'),
    });
    expect(tree(t)).toEqual([]);
  });

  it('rolls back bundles already moved into place when a later rename fails', async () => {
    const t = freshTarget('rename');
    const fs: ExportFs = {
      ...fsp,
      rename: (async (from: string, to: string) => {
        if (to === join(t, 'billing-service'))
          throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
        return fsp.rename(from, to);
      }) as ExportFs['rename'],
    };
    await expect(writeExportBundles(input(t, { fs }))).rejects.toMatchObject({
      code: 'EXPORT_FAILED',
      message: expect.stringContaining('EIO'),
    });
    expect(tree(t)).toEqual([]);
  });
});

/** Real read-only and full file systems need mount(2): root with CAP_SYS_ADMIN (true in our CI container). */
function canMount(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'certdesk-mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=64k', 'tmpfs', probe], { stdio: 'pipe' });
    execFileSync('umount', [probe], { stdio: 'pipe' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe.skipIf(!canMount())('writeExportBundles on real faulty file systems (tmpfs)', () => {
  const mounts: string[] = [];
  function tmpfs(size: string): string {
    const m = mkdtempSync(join(tmpdir(), 'certdesk-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', m]);
    mounts.push(m);
    return m;
  }
  afterAll(() => {
    for (const m of mounts) {
      execFileSync('umount', [m], { stdio: 'pipe' });
      rmSync(m, { recursive: true, force: true });
    }
  });

  it('reports a read-only drive as EXPORT_TARGET_UNWRITABLE (EROFS) naming the path', async () => {
    const m = tmpfs('1m');
    execFileSync('mount', ['-o', 'remount,ro', m]);
    await expect(writeExportBundles(input(m))).rejects.toMatchObject({
      code: 'EXPORT_TARGET_UNWRITABLE',
      message: expect.stringMatching(new RegExp(`${m}.*read-only.*EROFS`)),
    });
    expect(tree(m)).toEqual([]);
  });

  it('reports a full drive as EXPORT_FAILED (ENOSPC) and leaves no partial bundle or staging folder', async () => {
    const m = tmpfs('64k');
    // Fill the drive so a few files fit but not the whole export.
    const filler = Buffer.alloc(4096, 1);
    try {
      for (let i = 0; i < 64; i++) writeFileSync(join(m, `filler-${i}`), filler);
    } catch {
      /* full */
    }
    for (let i = 0; i < 3; i++) rmSync(join(m, `filler-${i}`), { force: true });
    const before = tree(m);
    await expect(writeExportBundles(input(m))).rejects.toMatchObject({
      code: 'EXPORT_FAILED',
      message: expect.stringMatching(/full.*ENOSPC/),
    });
    expect(tree(m)).toEqual(before);
  });
});

describe('writeTrustBundle', () => {
  const der = (pem: string, label: string): Uint8Array => {
    const block = pemBlocksOf(pem, label, 'test')[0];
    if (!block) throw new Error('no PEM block');
    return block;
  };

  it('writes ca-bundle.pem leaf-to-root, one .crt per CA, PEM and DER CRLs, README and a SHA256SUMS that sha256sum -c accepts', async () => {
    const t = freshTarget('trust');
    const inter = ca.intermediate(join(dir, 'int'), 'mygrpc-int');
    const crl = (c: TestCa): { der: Uint8Array; number: number; nextUpdate: string } => ({
      der: der(c.crlPem(), 'X509 CRL'),
      number: 1,
      nextUpdate: '2026-03-08T00:00:00.000Z',
    });
    const res = await writeTrustBundle({
      targetDir: t,
      now,
      withCrls: true,
      cas: [
        { id: 'int', kind: 'intermediate', der: der(inter.certPem, 'CERTIFICATE'), crl: crl(inter) },
        { id: 'root', kind: 'root', der: der(ca.certPem, 'CERTIFICATE'), crl: crl(ca) },
      ],
      excluded: [
        { id: 'old', cn: 'old-ca', sha256: 'ab', reason: 'revoked', detail: 'revoked (keyCompromise)' },
      ],
    });
    const folder = join(t, 'certdesk-trust-bundle');
    expect(res.bundles[0]?.dir).toBe(folder);
    expect(res.excluded).toEqual([
      { id: 'old', cn: 'old-ca', reason: 'revoked', detail: 'revoked (keyCompromise)' },
    ]);
    expect(readdirSync(folder).sort()).toEqual([
      'README.txt',
      'SHA256SUMS',
      'ca-bundle.pem',
      'manifest.json',
      'mygrpc-ca.crl',
      'mygrpc-ca.crl.der',
      'mygrpc-ca.crt',
      'mygrpc-int.crl',
      'mygrpc-int.crl.der',
      'mygrpc-int.crt',
    ]);
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: folder, encoding: 'utf8' })).not.toMatch(
      /FAILED/,
    );
    const bundlePem = readFileSync(join(folder, 'ca-bundle.pem'), 'utf8');
    expect(bundlePem.match(/BEGIN CERTIFICATE/g)).toHaveLength(2);
    expect(bundlePem.startsWith(inter.certPem.trim().split('\n')[0] ?? '')).toBe(true);
    expect(bundlePem.indexOf(inter.certPem.split('\n')[1] ?? '')).toBeLessThan(
      bundlePem.indexOf(ca.certPem.split('\n')[1] ?? ''),
    );
    execFileSync(
      'openssl',
      [
        'crl',
        '-inform',
        'DER',
        '-in',
        join(folder, 'mygrpc-ca.crl.der'),
        '-CAfile',
        join(folder, 'mygrpc-ca.crt'),
        '-noout',
      ],
      { stdio: 'pipe' },
    );
    const manifest = JSON.parse(readFileSync(join(folder, 'manifest.json'), 'utf8')) as {
      cas: { file: string }[];
      excluded: { cn: string; reason: string }[];
    };
    expect(manifest.cas.map((c) => c.file)).toEqual(['mygrpc-int.crt', 'mygrpc-ca.crt']);
    expect(manifest.excluded).toMatchObject([{ cn: 'old-ca', reason: 'revoked' }]);
    expect(readFileSync(join(folder, 'README.txt'), 'utf8')).toMatch(/update-ca-certificates[\s\S]*keytool/);
    await expect(
      writeTrustBundle({
        targetDir: t,
        now,
        cas: [{ id: 'r', kind: 'root', der: der(ca.certPem, 'CERTIFICATE') }],
      }),
    ).rejects.toMatchObject({ code: 'EXPORT_TARGET_EXISTS' });
  });

  it('refuses a folder name that is not one path segment, and an empty bundle naming what was left out', async () => {
    const t = freshTarget('trust-bad');
    const cas = [{ id: 'r', kind: 'root' as const, der: der(ca.certPem, 'CERTIFICATE') }];
    await expect(writeTrustBundle({ targetDir: t, now, cas, folderName: '../x' })).rejects.toMatchObject({
      code: 'INVALID_INPUT',
    });
    await expect(
      writeTrustBundle({
        targetDir: t,
        now,
        cas: [],
        excluded: [{ id: 'o', cn: 'old-ca', sha256: '', reason: 'expired', detail: 'expired' }],
      }),
    ).rejects.toThrow(/old-ca \(expired\)/);
    expect(readdirSync(t)).toEqual([]);
  });
});
