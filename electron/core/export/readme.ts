/** README.txt for an exported bundle: what each file is and how to deploy it (Go as in the seed, nginx). */

export interface ReadmeInput {
  cn: string;
  profile: string;
  serial: string;
  notAfter: string;
  /** e.g. "DNS:user-service, IP Address:127.0.0.1" */
  sans: string;
  /** which seed-style pairs were written */
  pairs: ('server' | 'client' | 'tls')[];
  hasKey: boolean;
  keyEncrypted: boolean;
  /** PBKDF2 iterations of the encrypted keys */
  keyIterations: number;
  hasChain: boolean;
  hasCrl: boolean;
  p12: { file: string; mode: 'modern' | 'legacy' } | null;
}

const GO_SERVER = `    // Go server, mutual TLS (TLS 1.3 only), as in the gRPC TLS/mTLS guide:
    cert, err := tls.LoadX509KeyPair("server.crt", "server.key") // server.key decrypted, see KEYS
    if err != nil { log.Fatalf("load server cert: %v", err) }
    caCert, err := os.ReadFile("ca.crt")
    if err != nil { log.Fatalf("read CA: %v", err) }
    caPool := x509.NewCertPool()
    caPool.AppendCertsFromPEM(caCert)
    creds := credentials.NewTLS(&tls.Config{
        Certificates: []tls.Certificate{cert},
        ClientAuth:   tls.RequireAndVerifyClientCert,
        ClientCAs:    caPool,
        MinVersion:   tls.VersionTLS13,
    })
    s := grpc.NewServer(grpc.Creds(creds))
`;

const GO_CLIENT = `    // Go client, mutual TLS (TLS 1.3 only):
    clientCert, err := tls.LoadX509KeyPair("client.crt", "client.key") // client.key decrypted, see KEYS
    if err != nil { log.Fatalf("load client cert: %v", err) }
    caCert, err := os.ReadFile("ca.crt")
    if err != nil { log.Fatalf("read CA: %v", err) }
    pool := x509.NewCertPool()
    pool.AppendCertsFromPEM(caCert)
    creds := credentials.NewTLS(&tls.Config{
        Certificates: []tls.Certificate{clientCert},
        RootCAs:      pool,
        MinVersion:   tls.VersionTLS13,
    })
    conn, err := grpc.NewClient("user-service:9000", grpc.WithTransportCredentials(creds))
    // the dial name must be one of the server certificate's SANs (SANs are authoritative, CN is not)
`;

function nginx(input: ReadmeInput): string {
  return `    server {
        listen 443 ssl;
        ssl_protocols          TLSv1.3;
        ssl_certificate        /etc/nginx/tls/fullchain.pem;
        ssl_certificate_key    /etc/nginx/tls/server.key;
${input.keyEncrypted ? '        ssl_password_file      /etc/nginx/tls/server.key.pass;  # nginx reads the encrypted key with this\n' : ''}        ssl_client_certificate /etc/nginx/tls/ca.crt;
        ssl_verify_client      on;
        # ssl_verify_depth 2;  # needed when client certificates come from an intermediate CA (add it to ca.crt's file too)
${input.hasCrl ? '        ssl_crl                /etc/nginx/tls/crl.pem;\n' : ''}    }
`;
}

export function renderReadme(input: ReadmeInput): string {
  const p = (name: string): boolean => input.pairs.includes(name as 'server');
  const lines: string[] = [];
  lines.push(`CertDesk export: ${input.cn}`, '='.repeat(18 + input.cn.length), '');
  lines.push(`Profile: ${input.profile}    Serial: ${input.serial}    Valid until: ${input.notAfter}`);
  lines.push(`Names (SANs, what clients dial): ${input.sans || '(none)'}`, '');
  lines.push('FILES');
  lines.push(
    '  ca.crt          the root CA certificate: the trust anchor for both sides (ClientCAs / RootCAs)',
  );
  for (const pair of input.pairs) {
    lines.push(
      `  ${`${pair}.crt`.padEnd(15)} this certificate followed by any intermediate CAs (what a peer must be sent)`,
    );
    if (input.hasKey)
      lines.push(
        `  ${`${pair}.key`.padEnd(15)} its private key, PKCS#8 PEM${input.keyEncrypted ? ', ENCRYPTED with the export passphrase' : ', NOT ENCRYPTED'} (mode 0600)`,
      );
  }
  const notes: string[] = [];
  if (p('server') && p('client')) {
    notes.push(
      '  This is a "service" certificate (serverAuth and clientAuth): server.* and client.* hold the SAME',
      '  certificate and key under both names, so the seed code works unchanged whichever side this service plays.',
    );
  }
  if (p('tls'))
    notes.push(
      '  tls.crt/tls.key: this certificate has neither serverAuth nor clientAuth, so it gets neutral names.',
    );
  lines.push(
    input.hasChain
      ? '  chain.pem       the intermediate CA certificates only'
      : '  chain.pem       empty: this certificate is issued directly by the root, there are no intermediates',
  );
  lines.push('  fullchain.pem   this certificate followed by the intermediates (nginx ssl_certificate)');
  if (input.hasCrl) lines.push("  crl.pem         the issuing CA's certificate revocation list");
  if (input.p12) {
    lines.push(
      `  ${input.p12.file.padEnd(15)} PKCS#12 with key and chain, protected by the export passphrase (${input.p12.mode === 'modern' ? 'modern: AES-256-CBC, PBKDF2-SHA256, HMAC-SHA256 MAC' : 'legacy: 3DES, SHA-1 MAC, for old Java 8 / Windows'})`,
    );
  }
  lines.push('  manifest.json   machine-readable list of files with SHA-256, profile, serial and expiry');
  lines.push('  SHA256SUMS      checksums; verify with:  sha256sum -c SHA256SUMS', '');
  if (notes.length > 0) lines.push(...notes, '');

  if (input.hasKey) {
    lines.push('KEYS');
    if (input.keyEncrypted) {
      lines.push(
        `  The keys are encrypted PKCS#8 (PBES2: PBKDF2-HMAC-SHA256, ${input.keyIterations} iterations, AES-256-CBC). openssl reads`,
        '  them with the export passphrase:',
        `      openssl pkey -in ${input.pairs[0] ?? 'server'}.key -noout            # asks for the passphrase; checks it`,
        "  Go's tls.LoadX509KeyPair cannot read encrypted PKCS#8. On the target host decrypt once into a file only the",
        '  service user can read (ideally on tmpfs), and never copy the decrypted key back to removable media:',
        `      umask 077; openssl pkey -in ${input.pairs[0] ?? 'server'}.key -out /run/secrets/${input.pairs[0] ?? 'server'}.key`,
        '  nginx can read the encrypted key directly with ssl_password_file (a 0600 file holding the passphrase).',
        '',
      );
    } else {
      lines.push(
        '  The keys are NOT encrypted (the operator confirmed this at export). Treat this folder as a secret,',
        '  move the key into place and wipe it from removable media.',
        '',
      );
    }
  }

  lines.push('VERIFY');
  for (const pair of input.pairs) {
    const purpose =
      pair === 'server' ? ' -purpose sslserver' : pair === 'client' ? ' -purpose sslclient' : '';
    lines.push(
      `  openssl verify -x509_strict${purpose} -CAfile ca.crt${input.hasChain ? ' -untrusted chain.pem' : ''} ${pair}.crt`,
    );
  }
  lines.push('');
  if (p('server')) lines.push('DEPLOY: GO gRPC SERVER (mTLS)', GO_SERVER);
  if (p('client')) lines.push('DEPLOY: GO gRPC CLIENT (mTLS)', GO_CLIENT);
  if (p('server')) lines.push('DEPLOY: NGINX (TLS 1.3, client certificates required)', nginx(input));
  if (p('server')) {
    lines.push(
      "  The server reads the caller's identity from the client certificate's CN",
      '  (PeerCertificates[0].Subject.CommonName), e.g. in an ACL interceptor.',
      '',
    );
  }
  return `${lines.join('\n')}\n`;
}
