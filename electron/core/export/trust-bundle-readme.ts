/** README.txt of a trust bundle: what each file is and where relying parties install it. */
import type { ExcludedCa } from './trust-bundle';

export interface TrustBundleReadmeInput {
  cas: { file: string; cn: string; kind: 'root' | 'intermediate'; notAfter: string }[];
  crls: { pem: string; der: string }[];
  excluded: ExcludedCa[];
}

export function renderTrustBundleReadme(input: TrustBundleReadmeInput): string {
  const first = input.cas.find((c) => c.kind === 'root') ?? input.cas[0];
  const one = first?.file ?? 'ca.crt';
  const alias = one.replace(/\.crt$/, '');
  const lines: string[] = ['CertDesk trust bundle', '=====================', ''];
  lines.push('FILES');
  lines.push(
    '  ca-bundle.pem     every CA certificate below in one PEM file. Order: intermediate CAs before',
  );
  lines.push(
    '                    the CA that issued them, root CAs last (leaf-to-root, as TLS chains are sent).',
  );
  for (const c of input.cas)
    lines.push(`  ${c.file.padEnd(17)} ${c.kind} CA "${c.cn}", valid until ${c.notAfter}`);
  for (const crl of input.crls) {
    lines.push(`  ${crl.pem.padEnd(17)} that CA's latest certificate revocation list (PEM)`);
    lines.push(`  ${crl.der.padEnd(17)} the same CRL in DER, for software that wants the binary form`);
  }
  lines.push(
    '  manifest.json     machine-readable list: each CA, its fingerprint, CRL, and the CAs left out',
  );
  lines.push('  SHA256SUMS        checksums; verify with:  sha256sum -c SHA256SUMS', '');
  if (input.excluded.length > 0) {
    lines.push('LEFT OUT (must not be trusted any more)');
    for (const e of input.excluded) lines.push(`  ${e.cn}: ${e.detail}`);
    lines.push('');
  }
  lines.push(
    'WHERE EACH FILE GOES',
    '  Go (crypto/tls): load ca-bundle.pem into a pool; servers verifying clients use ClientCAs, clients',
    '  verifying servers use RootCAs:',
    '      pem, _ := os.ReadFile("ca-bundle.pem")',
    '      pool := x509.NewCertPool()',
    '      if !pool.AppendCertsFromPEM(pem) { log.Fatal("no CA certificates in ca-bundle.pem") }',
    '      cfg := &tls.Config{ClientCAs: pool, ClientAuth: tls.RequireAndVerifyClientCert} // server side',
    '      cfg := &tls.Config{RootCAs: pool}                                                 // client side',
    '',
    '  nginx (client certificates):',
    '      ssl_client_certificate /etc/nginx/tls/ca-bundle.pem;',
    '      ssl_verify_client      on;',
    '      ssl_verify_depth       3;   # when clients chain through intermediate CAs',
    ...(input.crls.length > 0 ? ['      ssl_crl                /etc/nginx/tls/<ca>.crl;'] : []),
    '',
    '  Debian / Ubuntu system store (one file per CA, the .crt extension is required):',
    `      sudo cp ${input.cas.map((c) => c.file).join(' ')} /usr/local/share/ca-certificates/`,
    '      sudo update-ca-certificates',
    '',
    '  Java truststore (keytool imports one certificate per alias):',
    `      keytool -importcert -noprompt -alias ${alias} -file ${one} \\`,
    '              -keystore truststore.p12 -storetype PKCS12 -storepass changeit',
    '',
    '  openssl: openssl verify -CAfile ca-bundle.pem server.crt',
    '',
  );
  return `${lines.join('\n')}\n`;
}
