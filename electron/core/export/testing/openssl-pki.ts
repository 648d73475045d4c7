/**
 * Test-only: a tiny PKI made with the openssl CLI (ECDSA P-256, fast), used by export and tls-check tests as
 * an independent certificate source. `openssl ca` is used because it takes explicit start/end dates
 * (expired / not-yet-valid cases) and writes CRLs.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function openssl(args: string[], opts: { cwd?: string; input?: string } = {}): string {
  return execFileSync('openssl', args, {
    cwd: opts.cwd,
    input: opts.input,
    encoding: 'utf8',
    stdio: ['pipe', 'pipe', 'pipe'],
  });
}

export interface TestCert {
  certPem: string;
  certDer: Uint8Array;
  keyPkcs8: Uint8Array;
  certPath: string;
  /** Unencrypted PKCS#8 PEM path (tests only). */
  keyPath: string;
}

export interface LeafSpec {
  cn: string;
  /** openssl syntax, e.g. "DNS:localhost,IP:127.0.0.1" */
  san?: string;
  /** e.g. "serverAuth", "clientAuth", "serverAuth,clientAuth"; omitted = no EKU extension */
  eku?: string;
  /** openssl syntax, e.g. "keyCertSign"; default "digitalSignature" */
  keyUsage?: string;
  notBefore?: Date;
  notAfter?: Date;
}

function asn1Time(d: Date): string {
  return d
    .toISOString()
    .replace(/[-:T]/g, '')
    .replace(/\.\d+Z$/, 'Z');
}

export class TestCa implements TestCert {
  certPem = '';
  certDer = new Uint8Array();
  keyPkcs8 = new Uint8Array();
  certPath: string;
  keyPath: string;
  private readonly cnf: string;
  private seq = 0;

  private constructor(
    readonly dir: string,
    readonly cn: string,
  ) {
    mkdirSync(join(dir, 'newcerts'), { recursive: true });
    writeFileSync(join(dir, 'index.txt'), '');
    writeFileSync(join(dir, 'serial'), '1000\n');
    writeFileSync(join(dir, 'crlnumber'), '01\n');
    this.certPath = join(dir, 'ca.crt');
    this.keyPath = join(dir, 'ca.key');
    this.cnf = join(dir, 'ca.cnf');
    writeFileSync(
      this.cnf,
      [
        '[ca]',
        'default_ca = CA_default',
        '[CA_default]',
        `dir = ${dir}`,
        'database = $dir/index.txt',
        'new_certs_dir = $dir/newcerts',
        'certificate = $dir/ca.crt',
        'private_key = $dir/ca.key',
        'serial = $dir/serial',
        'crlnumber = $dir/crlnumber',
        'default_md = sha256',
        'default_crl_days = 7',
        'policy = policy_any',
        'unique_subject = no',
        'preserve = yes',
        'email_in_dn = no',
        '[policy_any]',
        'commonName = supplied',
        '[req]',
        'distinguished_name = dn',
        'prompt = no',
        '[dn]',
        'CN = unused',
        '[crl_ext]',
        'authorityKeyIdentifier = keyid:always',
      ].join('\n'),
    );
  }

  /** A self-signed root like the seed's `mygrpc-ca` (with the extensions `openssl verify -x509_strict` wants). */
  static root(dir: string, cn = 'mygrpc-ca'): TestCa {
    const ca = new TestCa(dir, cn);
    genKey(ca.keyPath);
    writeFileSync(
      join(dir, 'root.ext'),
      'basicConstraints = critical,CA:TRUE\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\n',
    );
    openssl([
      'req',
      '-config',
      ca.cnf,
      '-new',
      '-key',
      ca.keyPath,
      '-subj',
      `/CN=${cn}`,
      '-out',
      join(dir, 'ca.csr'),
    ]);
    ca.sign(
      join(dir, 'ca.csr'),
      ca.certPath,
      join(dir, 'root.ext'),
      new Date(Date.now() - 86400_000),
      new Date(Date.now() + 3650 * 86400_000),
      true,
    );
    ca.load();
    return ca;
  }

  /** An intermediate CA (pathlen 0) issued by this CA. */
  intermediate(dir: string, cn: string): TestCa {
    const sub = new TestCa(dir, cn);
    genKey(sub.keyPath);
    const ext = join(dir, 'int.ext');
    writeFileSync(
      ext,
      'basicConstraints = critical,CA:TRUE,pathlen:0\nkeyUsage = critical,keyCertSign,cRLSign\nsubjectKeyIdentifier = hash\nauthorityKeyIdentifier = keyid:always\n',
    );
    openssl([
      'req',
      '-config',
      sub.cnf,
      '-new',
      '-key',
      sub.keyPath,
      '-subj',
      `/CN=${cn}`,
      '-out',
      join(dir, 'ca.csr'),
    ]);
    this.sign(
      join(dir, 'ca.csr'),
      sub.certPath,
      ext,
      new Date(Date.now() - 86400_000),
      new Date(Date.now() + 1825 * 86400_000),
    );
    sub.load();
    return sub;
  }

  issue(spec: LeafSpec): TestCert {
    const n = ++this.seq;
    const base = join(this.dir, `leaf-${n}-${spec.cn.replace(/[^a-z0-9-]/gi, '_')}`);
    genKey(`${base}.key`);
    const ext = [
      'basicConstraints = critical,CA:FALSE',
      `keyUsage = critical,${spec.keyUsage ?? 'digitalSignature'}`,
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid:always',
      ...(spec.san ? [`subjectAltName = ${spec.san}`] : []),
      ...(spec.eku ? [`extendedKeyUsage = ${spec.eku}`] : []),
    ].join('\n');
    writeFileSync(`${base}.ext`, `${ext}\n`);
    openssl([
      'req',
      '-config',
      this.cnf,
      '-new',
      '-key',
      `${base}.key`,
      '-subj',
      `/CN=${spec.cn}`,
      '-out',
      `${base}.csr`,
    ]);
    this.sign(
      `${base}.csr`,
      `${base}.crt`,
      `${base}.ext`,
      spec.notBefore ?? new Date(Date.now() - 3600_000),
      spec.notAfter ?? new Date(Date.now() + 365 * 86400_000),
    );
    return loadCert(`${base}.crt`, `${base}.key`);
  }

  revoke(cert: TestCert): void {
    openssl(['ca', '-batch', '-config', this.cnf, '-revoke', cert.certPath, '-crl_reason', 'keyCompromise']);
  }

  crlPem(): string {
    return openssl(['ca', '-batch', '-config', this.cnf, '-gencrl', '-crlexts', 'crl_ext']);
  }

  private sign(
    csr: string,
    out: string,
    ext: string,
    notBefore: Date,
    notAfter: Date,
    selfSign = false,
  ): void {
    openssl([
      'ca',
      '-batch',
      '-notext',
      '-config',
      this.cnf,
      '-in',
      csr,
      '-out',
      out,
      '-extfile',
      ext,
      '-startdate',
      asn1Time(notBefore),
      '-enddate',
      asn1Time(notAfter),
      ...(selfSign ? ['-selfsign', '-keyfile', this.keyPath] : []),
    ]);
  }

  private load(): void {
    Object.assign(this, loadCert(this.certPath, this.keyPath));
  }
}

function genKey(path: string): void {
  openssl(['genpkey', '-algorithm', 'EC', '-pkeyopt', 'ec_paramgen_curve:P-256', '-out', path]);
}

function loadCert(certPath: string, keyPath: string): TestCert {
  const certPem = readFileSync(certPath, 'utf8');
  const derBuf = execFileSync('openssl', ['x509', '-in', certPath, '-outform', 'DER']);
  const keyBuf = execFileSync('openssl', ['pkcs8', '-topk8', '-nocrypt', '-in', keyPath, '-outform', 'DER']);
  return { certPem, certDer: new Uint8Array(derBuf), keyPkcs8: new Uint8Array(keyBuf), certPath, keyPath };
}
