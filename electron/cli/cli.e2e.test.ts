import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertDeskService } from '../service';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/**
 * The CLI bundled with the same esbuild options as scripts/build.mjs (spawning through tsx costs seconds per
 * command), from the test entry point: the real CLI with a cheap KDF policy, which dist/ does not contain.
 */
async function cliCommand(outDir: string): Promise<string[]> {
  const outfile = path.join(outDir, 'certdesk.cjs');
  await build({
    entryPoints: [path.join(ROOT, 'electron/cli/testing/certdesk-test-kdf.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    external: ['electron'],
    logOverride: { 'empty-import-meta': 'silent' },
  });
  return [outfile];
}

const PASS = 'correct horse battery staple';
let dir: string;
let env: NodeJS.ProcessEnv;
let CLI: string[] = [];

function certdesk(
  args: string[],
  extraEnv: NodeJS.ProcessEnv = {},
): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [...CLI, ...args], {
    cwd: ROOT,
    env: { ...env, ...extraEnv },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

function ok(args: string[], extraEnv: NodeJS.ProcessEnv = {}): string {
  const r = certdesk(args, extraEnv);
  expect(r.code, `certdesk ${args.join(' ')}\n${r.stderr}`).toBe(0);
  return r.stdout;
}

function openssl(args: string[], cwd: string): string {
  return execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'certdesk-cli-'));
  CLI = await cliCommand(dir);
  env = {
    PATH: process.env.PATH ?? '',
    HOME: dir,
    CERTDESK_VAULT: path.join(dir, 'vault.certdesk'),
    CERTDESK_PASSPHRASE: PASS,
    CERTDESK_STATE_DIR: path.join(dir, 'state'),
  };
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('certdesk CLI end to end', () => {
  let serverId = '';

  it("runs the seed's ceremony: init, CA, server and client certs, export that openssl verifies strictly", () => {
    expect(ok(['init'])).toContain('Created vault');
    expect(certdesk(['init']).code).toBe(3);
    const ca = JSON.parse(ok(['ca', 'create', '--name', 'mygrpc-ca', '--json'])) as Record<string, string>;
    expect(Object.keys(ca).sort()).toEqual(['cn', 'id', 'notAfter', 'serial', 'sha256']);
    expect(ca.cn).toBe('mygrpc-ca');
    const server = JSON.parse(
      ok([
        'issue',
        'server',
        '--ca',
        'mygrpc-ca',
        '--cn',
        'user-service',
        '--san',
        'DNS:user-service,DNS:user-service.internal,DNS:localhost,IP:127.0.0.1',
        '--json',
      ]),
    ) as Record<string, string>;
    expect(Object.keys(server).sort()).toEqual(['cn', 'id', 'notAfter', 'serial', 'sha256']);
    serverId = server.id ?? '';
    ok(['issue', 'client', '--ca', 'mygrpc-ca', '--cn', 'billing-service', '--json']);

    const passFile = path.join(dir, 'export-pass');
    writeFileSync(passFile, 'usb stick passphrase\n');
    const out = path.join(dir, 'usb');
    ok(['export', serverId, 'billing-service', '--out', out, '--key-passphrase-file', passFile]);
    const s = path.join(out, 'user-service');
    const c = path.join(out, 'billing-service');
    for (const f of ['ca.crt', 'server.crt', 'server.key', 'chain.pem', 'fullchain.pem', 'SHA256SUMS'])
      expect(readdirSync(s)).toContain(f);
    for (const f of ['ca.crt', 'client.crt', 'client.key', 'SHA256SUMS']) expect(readdirSync(c)).toContain(f);
    expect(
      openssl(['verify', '-x509_strict', '-purpose', 'sslserver', '-CAfile', 'ca.crt', 'server.crt'], s),
    ).toContain('server.crt: OK');
    expect(
      openssl(['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', 'ca.crt', 'client.crt'], c),
    ).toContain('client.crt: OK');
    // The server certificate carries only serverAuth: openssl must refuse it as a client certificate.
    expect(() =>
      openssl(['verify', '-x509_strict', '-purpose', 'sslclient', '-CAfile', 'ca.crt', 'server.crt'], s),
    ).toThrow();
    expect(openssl(['x509', '-in', 'server.crt', '-noout', '-ext', 'subjectAltName'], s)).toMatch(
      /DNS:user-service, DNS:user-service.internal, DNS:localhost, IP Address:127.0.0.1/,
    );
    expect(() => openssl(['pkey', '-in', 'server.key', '-noout', '-passin', 'pass:wrong'], s)).toThrow();
    openssl(['pkey', '-in', 'server.key', '-noout', '-passin', 'pass:usb stick passphrase'], s);
    expect(execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: s, encoding: 'utf8' })).not.toContain(
      'FAILED',
    );

    const mtls = JSON.parse(
      ok([
        'check-mtls',
        '--server',
        'user-service',
        '--client',
        'billing-service',
        '--name',
        'user-service',
        '--json',
      ]),
    ) as {
      ok: boolean;
      peer: { cn: string };
    };
    expect(mtls).toMatchObject({ ok: true, peer: { cn: 'billing-service' } });
    expect(
      certdesk(['check-mtls', '--server', 'user-service', '--client', 'billing-service', '--name', 'orders'])
        .code,
    ).toBe(1);
  });

  it('reports expiring certificates through the exit status', () => {
    expect(certdesk(['expiring', '--within', '30d']).code).toBe(0);
    const hit = certdesk(['expiring', '--within', '400d', '--json']);
    expect(hit.code).toBe(1);
    expect((JSON.parse(hit.stdout) as { cn: string }[]).map((x) => x.cn).sort()).toEqual([
      'billing-service',
      'user-service',
    ]);
    expect(certdesk(['expiring', '--within', 'soon']).code).toBe(2);
  });

  it('lists, shows by id, serial and CN, and verifies the audit chain', () => {
    const list = JSON.parse(ok(['list', '--json'])) as { id: string; serial: string; status: string }[];
    expect(list).toHaveLength(3);
    expect(list.every((x) => x.status === 'valid')).toBe(true);
    const detail = JSON.parse(ok(['show', 'user-service', '--json'])) as {
      summary: { id: string };
      chain: { ok: boolean }[];
    };
    expect(detail.summary.id).toBe(serverId);
    expect(detail.chain.every((l) => l.ok)).toBe(true);
    const serial = list.find((x) => x.id === serverId)?.serial ?? '';
    expect(ok(['show', serial.replace(/(..)(?=.)/g, '$1:'), '--pem'])).toMatch(
      /^-----BEGIN CERTIFICATE-----/,
    );
    expect(ok(['audit', 'verify'])).toMatch(/^ok/);
  });

  it('exits 2 with a message on bad usage', () => {
    const missing = certdesk(['issue', 'server', '--ca', 'mygrpc-ca']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('--cn is required');
    const profile = certdesk(['issue', 'webserver', '--ca', 'mygrpc-ca', '--cn', 'x']);
    expect(profile.code).toBe(2);
    expect(profile.stderr).toContain('server, client, service');
    expect(certdesk(['list', '--frobnicate']).code).toBe(2);
    expect(certdesk(['frobnicate']).code).toBe(2);
    expect(certdesk([]).code).toBe(2);
    const san = certdesk(['issue', 'server', '--ca', 'mygrpc-ca', '--cn', 'x', '--san', 'host:x']);
    expect(san.code).toBe(2);
    expect(san.stderr).toContain('host:x');
    for (const cmd of [['ca', 'create'], ['issue'], ['expiring']]) {
      const h = certdesk([...cmd, '--help']);
      expect(h.code).toBe(0);
      expect(h.stdout).toContain('Usage: certdesk');
    }
  });

  it('refuses bad SANs and a wrong passphrase with their own exit statuses', () => {
    const bad = certdesk(['issue', 'server', '--ca', 'mygrpc-ca', '--cn', 'x', '--san', 'DNS:bad_name']);
    expect(bad.code).toBe(5);
    expect(bad.stderr).toContain('bad_name');
    const wrong = certdesk(['list'], { CERTDESK_PASSPHRASE: 'not the passphrase at all' });
    expect(wrong.code).toBe(3);
    expect(wrong.stderr.toLowerCase()).toContain('passphrase');
    expect(certdesk(['show', 'no-such-cert']).code).toBe(4);
  });

  it('revokes, writes a CRL openssl reads, and renews so the CN resolves to the successor', () => {
    ok(['revoke', 'user-service', '--reason', 'keyCompromise']);
    const crl = path.join(dir, 'ca.crl');
    ok(['crl', '--ca', 'mygrpc-ca', '--out', crl]);
    const text = openssl(['crl', '-in', crl, '-noout', '-text'], dir);
    expect(text).toContain('Key Compromise');
    expect(text).toMatch(/X509v3 CRL Number:\s*\n\s*1/);
    expect(certdesk(['crl', '--ca', 'mygrpc-ca', '--out', crl]).code).toBe(6);

    const before = JSON.parse(ok(['show', 'billing-service', '--json'])) as { summary: { id: string } };
    const renewed = JSON.parse(ok(['renew', 'billing-service', '--json'])) as { id: string };
    expect(renewed.id).not.toBe(before.summary.id);
    const now = JSON.parse(ok(['show', 'billing-service', '--json'])) as {
      summary: { id: string; replaces: string };
      lineage: string[];
    };
    expect(now.summary.id).toBe(renewed.id);
    expect(now.lineage).toEqual([before.summary.id, renewed.id]);
    expect(JSON.parse(ok(['list', '--status', 'revoked', '--json'])) as unknown[]).toHaveLength(1);
  });

  it('lists matches for an ambiguous CN', () => {
    ok(['issue', 'server', '--ca', 'mygrpc-ca', '--cn', 'twin', '--san', 'DNS:twin-a']);
    ok(['issue', 'server', '--ca', 'mygrpc-ca', '--cn', 'twin', '--san', 'DNS:twin-b']);
    const r = certdesk(['show', 'twin']);
    expect(r.code).toBe(4);
    expect(r.stderr).toContain('matches 2 certificates');
  });

  it("imports the seed's openssl CA, issues from it, and signs an external CSR", () => {
    const seed = path.join(dir, 'seed');
    execFileSync('mkdir', ['-p', seed]);
    openssl(['genrsa', '-out', 'ca.key', '2048'], seed);
    openssl(
      [
        'req',
        '-x509',
        '-new',
        '-nodes',
        '-key',
        'ca.key',
        '-sha256',
        '-days',
        '3650',
        '-subj',
        '/CN=seed-ca',
        '-out',
        'ca.crt',
      ],
      seed,
    );
    openssl(['genrsa', '-out', 'other.key', '2048'], seed);
    const mismatch = certdesk([
      'ca',
      'import',
      '--name',
      'seed-ca',
      '--cert',
      path.join(seed, 'ca.crt'),
      '--key',
      path.join(seed, 'other.key'),
    ]);
    expect(mismatch.code).toBe(5);
    expect(mismatch.stderr).toMatch(/does not (match|belong)/);
    ok([
      'ca',
      'import',
      '--name',
      'seed-ca',
      '--cert',
      path.join(seed, 'ca.crt'),
      '--key',
      path.join(seed, 'ca.key'),
    ]);
    openssl(
      [
        'req',
        '-new',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'svc.key',
        '-subj',
        '/CN=legacy-service',
        '-out',
        'svc.csr',
      ],
      seed,
    );
    const signed = JSON.parse(
      ok([
        'sign-csr',
        '--ca',
        'seed-ca',
        '--csr',
        path.join(seed, 'svc.csr'),
        '--profile',
        'server',
        '--san',
        'DNS:legacy-service',
        '--out',
        path.join(seed, 'svc.crt'),
        '--json',
      ]),
    ) as { cn: string; pem: string };
    expect(signed.cn).toBe('legacy-service');
    expect(openssl(['verify', '-purpose', 'sslserver', '-CAfile', 'ca.crt', 'svc.crt'], seed)).toContain(
      'OK',
    );
    const cas = JSON.parse(ok(['ca', 'list', '--json'])) as { cn: string; hasKey: boolean }[];
    expect(cas.find((c) => c.cn === 'seed-ca')?.hasKey).toBe(true);
  });

  it('reads the vault while the desktop app holds it for writing, and refuses writes', async () => {
    const app = createCertDeskService({
      now: () => new Date(),
      defaultVaultPath: env.CERTDESK_VAULT,
      appVersion: 'test',
      platform: process.platform,
    });
    try {
      await app.handlers['vault:unlock']({ passphrase: PASS });
      const list = JSON.parse(ok(['list', '--json'])) as unknown[];
      expect(list.length).toBeGreaterThan(3);
      expect(certdesk(['expiring', '--within', '1d']).code).toBe(0);
      expect(ok(['audit', 'verify'])).toMatch(/^ok/);
      const busy = certdesk(['issue', 'client', '--ca', 'mygrpc-ca', '--cn', 'blocked']);
      expect(busy.code).toBe(3);
    } finally {
      await app.dispose();
    }
  });
  it('keeps a deleted audit line visible after the next issue until the break is acknowledged', () => {
    const auditPath = `${env.CERTDESK_VAULT!}.audit.jsonl`;
    const lines = readFileSync(auditPath, 'utf8').trimEnd().split('\n');
    writeFileSync(auditPath, `${lines.slice(0, -1).join('\n')}\n`);
    ok(['issue', 'client', '--ca', 'mygrpc-ca', '--cn', 'after-the-cut']);
    const broken = certdesk(['audit', 'verify']);
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/BROKEN: .*entries were removed from the end/);
    expect(broken.stderr).toMatch(/NOT acknowledged/);
    const { breaks } = JSON.parse(certdesk(['audit', 'verify', '--json']).stdout) as {
      breaks: { id: string }[];
    };
    expect(breaks).toHaveLength(1);
    ok(['audit', 'acknowledge', breaks[0]!.id]);
    expect(ok(['audit', 'verify'])).toMatch(/^ok/);
    expect(ok(['audit', 'verify', '--all'])).toMatch(new RegExp(`break ${breaks[0]!.id} .*\\(acknowledged`));
  });
  it('refuses a vault copied back over a newer one with exit 3 unless --accept-rollback, which is audited', () => {
    const vault = env.CERTDESK_VAULT!;
    const older = path.join(dir, 'older.certdesk');
    copyFileSync(vault, older);
    ok(['issue', 'client', '--ca', 'mygrpc-ca', '--cn', 'issued-after-the-copy']);
    copyFileSync(older, vault);
    const refused = certdesk(['list']);
    expect(refused.code).toBe(3);
    expect(refused.stderr).toMatch(/older than the one last opened on this workstation/);
    expect(refused.stderr).toMatch(/last written \d{4}-.*seen \d{4}-/);
    expect(ok(['list', '--accept-rollback'])).not.toContain('issued-after-the-copy');
    expect(certdesk(['list']).code).toBe(0);
    ok(['issue', 'client', '--ca', 'mygrpc-ca', '--cn', 'after-accepting']);
    expect(readFileSync(`${vault}.audit.jsonl`, 'utf8')).toContain('vault.rollbackAccepted');
  });
  it('exits 3 naming the damage when an acknowledged write was cut off the vault, and changes nothing', () => {
    const vault = env.CERTDESK_VAULT!;
    const intact = readFileSync(vault);
    writeFileSync(vault, intact.subarray(0, intact.length - 1));
    const cut = readFileSync(vault);
    for (const args of [['list'], ['issue', 'client', '--ca', 'mygrpc-ca', '--cn', 'never-written']]) {
      const r = certdesk(args);
      expect(r.code).toBe(3);
      expect(r.stderr).toMatch(/damaged: the file ends at byte \d+ but \d+ bytes were acknowledged/);
      expect(readFileSync(vault)).toEqual(cut);
    }
    writeFileSync(vault, intact);
    expect(certdesk(['list']).code).toBe(0);
  });
});
