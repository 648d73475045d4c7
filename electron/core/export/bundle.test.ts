import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tls from 'node:tls';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ExportResult } from '../../../shared/domain/types';
import { writeExportBundles } from './bundle';
import { TestCa, openssl, type TestCert } from './testing/openssl-pki';

const PASS = 'usb-export-passphrase';
let dir: string;
let out: string;
let ca: TestCa;
let server: TestCert;
let client: TestCert;
let result: ExportResult;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'certdesk-bundle-'));
  out = join(dir, 'usb');
  execFileSync('mkdir', [out]);
  ca = TestCa.root(join(dir, 'ca'), 'mygrpc-ca');
  server = ca.issue({
    cn: 'user-service',
    san: 'DNS:user-service,DNS:user-service.internal,DNS:localhost,IP:127.0.0.1',
    eku: 'serverAuth',
  });
  client = ca.issue({ cn: 'billing-service', eku: 'clientAuth' });
  const crlPem = ca.crlPem();
  result = await writeExportBundles({
    targetDir: out,
    now: new Date('2026-01-02T03:04:05Z'),
    keyEncryption: { passphrase: PASS },
    bundles: [
      {
        id: 'srv-1',
        folderName: 'user-service',
        profile: 'server',
        certPem: server.certPem,
        keyPkcs8: server.keyPkcs8,
        caCertPem: ca.certPem,
        intermediatesPem: [],
        crlPem,
        p12: { mode: 'modern', passphrase: PASS },
      },
      {
        id: 'cli-1',
        folderName: 'billing-service',
        profile: 'client',
        certPem: client.certPem,
        keyPkcs8: client.keyPkcs8,
        caCertPem: ca.certPem,
        intermediatesPem: [],
        p12: { mode: 'legacy', passphrase: PASS },
      },
    ],
  });
}, 240_000); // 600k-iteration key encryption and two .p12 files; the CI box is shared by parallel jobs
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const srv = (f: string): string => join(out, 'user-service', f);
const cli = (f: string): string => join(out, 'billing-service', f);

/** Decrypts an exported key with openssl into the test's temp dir (only tests ever write a plain key). */
function decryptKey(path: string, name: string): string {
  const plain = join(dir, name);
  openssl(['pkey', '-passin', `pass:${PASS}`, '-in', path, '-out', plain]);
  return plain;
}

describe('writeExportBundles for the seed scenario (mygrpc-ca, user-service, billing-service)', () => {
  it('writes seed-style file names per profile and reports them', () => {
    expect(result.unencryptedKeys).toBe(false);
    expect(result.bundles.map((b) => [b.id, b.cn, b.dir])).toEqual([
      ['srv-1', 'user-service', join(out, 'user-service')],
      ['cli-1', 'billing-service', join(out, 'billing-service')],
    ]);
    expect(readdirSync(join(out, 'user-service')).sort()).toEqual(
      [
        'README.txt',
        'SHA256SUMS',
        'ca.crt',
        'chain.pem',
        'crl.pem',
        'fullchain.pem',
        'manifest.json',
        'server.crt',
        'server.key',
        'user-service.p12',
      ].sort(),
    );
    expect(readdirSync(join(out, 'billing-service')).sort()).toEqual(
      [
        'README.txt',
        'SHA256SUMS',
        'billing-service.p12',
        'ca.crt',
        'chain.pem',
        'client.crt',
        'client.key',
        'fullchain.pem',
        'manifest.json',
      ].sort(),
    );
    expect(readdirSync(out).filter((n) => n.startsWith('.certdesk-export-'))).toEqual([]);
  });

  it('writes key and .p12 files with mode 0600 and certificates world-readable', () => {
    expect(statSync(srv('server.key')).mode & 0o777).toBe(0o600);
    expect(statSync(cli('client.key')).mode & 0o777).toBe(0o600);
    expect(statSync(srv('user-service.p12')).mode & 0o777).toBe(0o600);
    expect(statSync(srv('server.crt')).mode & 0o777).toBe(0o644);
  });

  it('passes sha256sum -c SHA256SUMS in each folder', () => {
    for (const d of ['user-service', 'billing-service']) {
      const res = execFileSync('sha256sum', ['-c', 'SHA256SUMS'], { cwd: join(out, d), encoding: 'utf8' });
      expect(res).toMatch(/server\.key: OK|client\.key: OK/);
      expect(res).not.toMatch(/FAILED/);
    }
  });

  it('passes openssl verify -x509_strict with the right purpose', () => {
    expect(
      openssl([
        'verify',
        '-x509_strict',
        '-purpose',
        'sslserver',
        '-CAfile',
        srv('ca.crt'),
        srv('server.crt'),
      ]),
    ).toContain('OK');
    expect(
      openssl([
        'verify',
        '-x509_strict',
        '-purpose',
        'sslclient',
        '-CAfile',
        cli('ca.crt'),
        cli('client.crt'),
      ]),
    ).toContain('OK');
    expect(() =>
      openssl([
        'verify',
        '-x509_strict',
        '-purpose',
        'sslserver',
        '-CAfile',
        cli('ca.crt'),
        cli('client.crt'),
      ]),
    ).toThrow();
  });

  it('encrypts keys so that openssl pkey reads them only with the passphrase', () => {
    expect(readFileSync(srv('server.key'), 'utf8')).toContain('BEGIN ENCRYPTED PRIVATE KEY');
    openssl(['pkey', '-passin', `pass:${PASS}`, '-in', srv('server.key'), '-noout']);
    openssl(['pkey', '-passin', `pass:${PASS}`, '-in', cli('client.key'), '-noout']);
    expect(() => openssl(['pkey', '-passin', 'pass:wrong', '-in', srv('server.key'), '-noout'])).toThrow();
  });

  it('derives the passphrase key once per export: key files share the PBKDF2 salt, each has its own IV', () => {
    const params = (path: string): { salt: string; iv: string } => {
      const dump = openssl(['asn1parse', '-in', path]);
      const octets = [...dump.matchAll(/prim: OCTET STRING\s+\[HEX DUMP\]:([0-9A-F]+)/g)].map((m) => m[1]);
      return { salt: octets[0] ?? '', iv: octets[1] ?? '' };
    };
    const a = params(srv('server.key'));
    const b = params(cli('client.key'));
    expect(a.salt).toHaveLength(32);
    expect(a.salt).toBe(b.salt);
    expect(a.iv).toHaveLength(32);
    expect(a.iv).not.toBe(b.iv);
  });

  it('writes manifest.json with profile, serial, notAfter and per-file sha256', () => {
    const m = JSON.parse(readFileSync(srv('manifest.json'), 'utf8')) as {
      serial: string;
      notAfter: string;
      files: { name: string; sha256: string }[];
    };
    expect(m).toMatchObject({
      id: 'srv-1',
      cn: 'user-service',
      profile: 'server',
      createdAt: '2026-01-02T03:04:05.000Z',
      key: { encrypted: true },
    });
    expect(m.serial).toBe(
      openssl(['x509', '-in', server.certPath, '-noout', '-serial']).trim().replace('serial=', ''),
    );
    expect(new Date(m.notAfter).getTime()).toBe(
      new Date(
        openssl(['x509', '-in', server.certPath, '-noout', '-enddate']).trim().replace('notAfter=', ''),
      ).getTime(),
    );
    const sums = readFileSync(srv('SHA256SUMS'), 'utf8');
    for (const f of m.files) expect(sums).toContain(`${f.sha256}  ${f.name}`);
  });

  it('writes a README with Go mTLS snippets (TLS 1.3), nginx directives and how to read the encrypted key', () => {
    const r = readFileSync(srv('README.txt'), 'utf8');
    for (const s of [
      'tls.RequireAndVerifyClientCert',
      'MinVersion:   tls.VersionTLS13',
      'ssl_certificate ',
      'ssl_certificate_key',
      'ssl_client_certificate',
      'ssl_verify_client      on',
      'openssl pkey -in server.key',
    ]) {
      expect(r).toContain(s);
    }
    expect(readFileSync(cli('README.txt'), 'utf8')).toContain(
      'tls.LoadX509KeyPair("client.crt", "client.key")',
    );
  });

  it('completes a TLS 1.3 mTLS handshake between openssl s_server -Verify and s_client using the exported files', async () => {
    const sKey = decryptKey(srv('server.key'), 's.key');
    const cKey = decryptKey(cli('client.key'), 'c.key');
    const sServer = spawn(
      'openssl',
      [
        's_server',
        '-tls1_3',
        '-Verify',
        '1',
        '-verify_return_error',
        '-accept',
        '127.0.0.1:0',
        '-naccept',
        '1',
        '-cert',
        srv('server.crt'),
        '-key',
        sKey,
        '-CAfile',
        srv('ca.crt'),
      ],
      { stdio: ['pipe', 'pipe', 'pipe'] },
    ); // stdin stays open: s_server quits on stdin EOF
    let serverOut = '';
    const waitFor = (re: RegExp, what: string): Promise<RegExpExecArray> =>
      new Promise((resolve, reject) => {
        const check = (): boolean => {
          const m = re.exec(serverOut);
          if (m) resolve(m);
          return m !== null;
        };
        if (check()) return;
        const t = setTimeout(
          () => reject(new Error(`s_server: ${what} not seen within 10 s:\n${serverOut}`)),
          10_000,
        );
        const onData = (d: Buffer): void => {
          serverOut += d.toString();
          if (check()) clearTimeout(t);
        };
        sServer.stdout.on('data', onData);
        sServer.stderr.on('data', onData);
      });
    try {
      const port = Number((await waitFor(/ACCEPT .*:(\d+)/, 'ACCEPT'))[1]);
      const clientOut = execFileSync(
        'sh',
        [
          '-c',
          `openssl s_client -tls1_3 -brief -connect 127.0.0.1:${port} -servername user-service -verify_hostname user-service -verify_return_error -CAfile "$1" -cert "$2" -key "$3" 2>&1 </dev/null`,
          'sh',
          cli('ca.crt'),
          cli('client.crt'),
          cKey,
        ],
        { timeout: 10_000, encoding: 'utf8' },
      );
      expect(clientOut).toContain('Protocol version: TLSv1.3');
      expect(clientOut).toContain('Verification: OK');
      await waitFor(/CN ?= ?billing-service/, 'the client certificate subject');
    } finally {
      sServer.kill('SIGKILL');
    }
  });

  it('completes a Node tls mTLS handshake where the server reads the client CN billing-service (keys read encrypted)', async () => {
    const srvCtx = tls.createServer({
      cert: readFileSync(srv('server.crt')),
      key: [{ pem: readFileSync(srv('server.key')), passphrase: PASS }],
      ca: readFileSync(srv('ca.crt')),
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.3',
    });
    const seen = new Promise<string>((resolve, reject) => {
      srvCtx.on('secureConnection', (s) => {
        resolve(String(s.getPeerCertificate().subject.CN));
        s.end();
      });
      srvCtx.on('tlsClientError', reject);
    });
    await new Promise<void>((r) => srvCtx.listen(0, '127.0.0.1', r));
    const port = (srvCtx.address() as { port: number }).port;
    try {
      const sock = tls.connect({
        host: '127.0.0.1',
        port,
        servername: 'user-service',
        minVersion: 'TLSv1.3',
        ca: readFileSync(cli('ca.crt')),
        cert: readFileSync(cli('client.crt')),
        key: [{ pem: readFileSync(cli('client.key')), passphrase: PASS }],
      });
      const proto = await new Promise<string | null>((resolve, reject) => {
        sock.on('secureConnect', () => resolve(sock.getProtocol()));
        sock.on('error', reject);
      });
      expect(proto).toBe('TLSv1.3');
      expect(await seen).toBe('billing-service');
      sock.destroy();
    } finally {
      srvCtx.close();
    }
  });

  it('writes .p12 files that openssl pkcs12 -info and keytool read (modern and legacy)', () => {
    for (const p of [srv('user-service.p12'), cli('billing-service.p12')]) {
      const info = execFileSync(
        'openssl',
        ['pkcs12', '-info', '-nokeys', '-passin', `pass:${PASS}`, '-in', p],
        { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'] },
      );
      expect(info).toMatch(/BEGIN CERTIFICATE/);
      const kt = execFileSync(
        'keytool',
        ['-list', '-storetype', 'PKCS12', '-keystore', p, '-storepass', PASS],
        { encoding: 'utf8' },
      );
      expect(kt).toContain('PrivateKeyEntry');
    }
    execFileSync(
      'openssl',
      ['pkcs12', '-legacy', '-info', '-noout', '-passin', `pass:${PASS}`, '-in', cli('billing-service.p12')],
      { stdio: 'pipe' },
    );
  });
});

describe('writeExportBundles for a service certificate issued by an intermediate', () => {
  let target: string;
  let inter: TestCa;
  beforeAll(async () => {
    inter = ca.intermediate(join(dir, 'int'), 'mygrpc-int');
    const svc = inter.issue({
      cn: 'orders-service',
      san: 'DNS:orders-service,IP:127.0.0.1',
      eku: 'serverAuth,clientAuth',
    });
    target = join(dir, 'usb-svc');
    execFileSync('mkdir', [target]);
    await writeExportBundles({
      targetDir: target,
      now: new Date('2026-01-02T03:04:05Z'),
      keyEncryption: { passphrase: PASS },
      bundles: [
        {
          folderName: 'orders-service',
          profile: 'service',
          certPem: svc.certPem,
          keyPkcs8: svc.keyPkcs8,
          caCertPem: ca.certPem,
          intermediatesPem: [inter.certPem],
          crlPem: inter.crlPem(),
        },
      ],
    });
  }, 120_000);
  const f = (name: string): string => join(target, 'orders-service', name);

  it('writes both seed pairs with identical contents, chain.pem and fullchain.pem', () => {
    expect(readdirSync(join(target, 'orders-service')).sort()).toEqual(
      [
        'README.txt',
        'SHA256SUMS',
        'ca.crt',
        'chain.pem',
        'client.crt',
        'client.key',
        'crl.pem',
        'fullchain.pem',
        'manifest.json',
        'server.crt',
        'server.key',
      ].sort(),
    );
    expect(readFileSync(f('server.crt'))).toEqual(readFileSync(f('client.crt')));
    expect(readFileSync(f('server.key'))).toEqual(readFileSync(f('client.key')));
    expect(readFileSync(f('server.crt'), 'utf8')).toBe(readFileSync(f('fullchain.pem'), 'utf8'));
    expect(readFileSync(f('chain.pem'), 'utf8')).toBe(inter.certPem.replace(/\r/g, ''));
    expect(readFileSync(f('README.txt'), 'utf8')).toContain('hold the SAME');
    expect(
      execFileSync('sha256sum', ['-c', 'SHA256SUMS'], {
        cwd: join(target, 'orders-service'),
        encoding: 'utf8',
      }),
    ).not.toMatch(/FAILED/);
  });

  it('verifies for both purposes through chain.pem with openssl -x509_strict, and with the CRL', () => {
    for (const purpose of ['sslserver', 'sslclient']) {
      expect(
        openssl([
          'verify',
          '-x509_strict',
          '-purpose',
          purpose,
          '-CAfile',
          f('ca.crt'),
          '-untrusted',
          f('chain.pem'),
          f('server.crt'),
        ]),
      ).toContain('OK');
    }
    // -crl_check checks the leaf against the intermediate's CRL (our crl.pem).
    expect(
      openssl([
        'verify',
        '-x509_strict',
        '-crl_check',
        '-CRLfile',
        f('crl.pem'),
        '-CAfile',
        f('ca.crt'),
        '-untrusted',
        f('chain.pem'),
        f('client.crt'),
      ]),
    ).toContain('OK');
  });

  it('serves the intermediate from server.crt and client.crt so Node peers trusting only ca.crt complete mTLS', async () => {
    const key = [{ pem: readFileSync(f('server.key')), passphrase: PASS }];
    const server = tls.createServer({
      cert: readFileSync(f('server.crt')),
      key,
      ca: readFileSync(f('ca.crt')),
      requestCert: true,
      rejectUnauthorized: true,
      minVersion: 'TLSv1.3',
    });
    const seen = new Promise<string>((resolve, reject) => {
      server.on('secureConnection', (s) => {
        resolve(String(s.getPeerCertificate().subject.CN));
        s.end();
      });
      server.on('tlsClientError', reject);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    try {
      const sock = tls.connect({
        host: '127.0.0.1',
        port: (server.address() as { port: number }).port,
        servername: 'orders-service',
        ca: readFileSync(f('ca.crt')),
        cert: readFileSync(f('client.crt')),
        key,
        minVersion: 'TLSv1.3',
      });
      await new Promise<void>((resolve, reject) => {
        sock.on('secureConnect', resolve);
        sock.on('error', reject);
      });
      expect(await seen).toBe('orders-service');
      sock.destroy();
    } finally {
      server.close();
    }
  });
});
