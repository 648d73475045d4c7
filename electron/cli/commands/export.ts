import { mkdirSync } from 'node:fs';
import type { CertSummary } from '../../../shared/domain/types';
import { JSON_OPT, type Command } from '../command';
import { usage } from '../errors';
import { println, printJson } from '../io';
import { promptHidden, readSecretFile } from '../passphrase';
import { resolveCert } from '../resolve';
import { VAULT_OPTIONS_HELP } from './common-help';

export const exportCommand: Command = {
  path: ['export'],
  summary: 'write deployable folders (ca.crt, server.crt/key, client.crt/key, chain, SHA256SUMS)',
  positionals: 'many',
  options: {
    ...JSON_OPT,
    out: { type: 'string' },
    'key-passphrase-file': { type: 'string' },
    'unencrypted-keys': { type: 'boolean' },
    yes: { type: 'boolean' },
    p12: { type: 'boolean' },
    'p12-legacy': { type: 'boolean' },
    crl: { type: 'boolean' },
    overwrite: { type: 'boolean' },
  },
  help: `Usage: certdesk export ID... --out DIR [--key-passphrase-file FILE | --unencrypted-keys --yes]
                       [--p12 | --p12-legacy] [--crl] [--overwrite] [--json]

Writes DIR/<cn>/ for each certificate. A CA's folder holds its certificate as a one-CA trust bundle
(ca-bundle.pem, <cn>.crt, manifest.json, SHA256SUMS, README.txt; see \`certdesk trust-bundle\`).
A leaf's folder has the seed's file names: ca.crt, server.crt + server.key (server), client.crt + client.key (client), both pairs for a service certificate, chain.pem
(intermediates), fullchain.pem (leaf + intermediates), SHA256SUMS and README.txt. Keys are encrypted
PKCS#8 (openssl asks for the passphrase); the key passphrase comes from --key-passphrase-file,
$CERTDESK_KEY_PASSPHRASE, or a prompt. Files are written to a temporary folder, verified, then renamed.

Options:
  --out DIR                    target folder (created if missing)
  --key-passphrase-file FILE   passphrase for the exported keys (first line of FILE)
  --unencrypted-keys --yes     write plain PEM keys (mode 0600); recorded in the audit log
  --p12                        also write a PKCS#12 (AES-256, PBKDF2) with the key passphrase
  --p12-legacy                 PKCS#12 with legacy 3DES/RC2 for old Java/Windows instead
  --crl                        include the issuing CA's latest CRL
  --overwrite                  replace an existing DIR/<cn>/ folder
  --json                       print the export result
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    if (!args.positionals.length)
      throw usage('Name at least one certificate: certdesk export ID... --out DIR');
    const dir = args.required('out');
    const unencrypted = args.bool('unencrypted-keys');
    const keyFile = args.str('key-passphrase-file');
    if (unencrypted && keyFile)
      throw usage('Give either --key-passphrase-file or --unencrypted-keys, not both');
    if (unencrypted && !args.bool('yes')) {
      throw usage('--unencrypted-keys writes private keys in the clear: confirm with --yes');
    }
    if (args.bool('p12') && args.bool('p12-legacy')) throw usage('Give either --p12 or --p12-legacy');
    if (unencrypted && (args.bool('p12') || args.bool('p12-legacy')))
      throw usage('A PKCS#12 needs a passphrase: drop --unencrypted-keys');
    const client = await open();
    // The service writes only into an existing folder (a USB mount point); on the command line the
    // operator named the folder explicitly, so creating it is what they asked for.
    mkdirSync(dir, { recursive: true });
    const certs: CertSummary[] = [];
    for (const ref of args.positionals) certs.push(await resolveCert(client, ref, io.now()));
    const ids = certs.map((c) => c.id);
    // CA certificates leave as trust-bundle folders and certificate-only leaves carry no key: no passphrase.
    const needsKeyPassphrase =
      args.bool('p12') || args.bool('p12-legacy') || certs.some((c) => c.kind === 'leaf' && c.hasKey);
    let keyPassphrase: string | undefined;
    if (!unencrypted && needsKeyPassphrase) {
      if (keyFile) keyPassphrase = readSecretFile(keyFile, 'key passphrase');
      else if (io.env.CERTDESK_KEY_PASSPHRASE) keyPassphrase = io.env.CERTDESK_KEY_PASSPHRASE;
      else if (io.stdin.isTTY)
        keyPassphrase = await promptHidden('Passphrase for the exported keys: ', io.stdin, io.stderr);
      else
        throw usage(
          'No key passphrase: use --key-passphrase-file FILE, set CERTDESK_KEY_PASSPHRASE, or --unencrypted-keys --yes',
        );
    }
    const r = await client.call('export:bundle', {
      ids,
      folderGrant: client.grant(dir, 'write-folder'),
      ...(keyPassphrase !== undefined ? { keyPassphrase } : {}),
      ...(unencrypted ? { unencryptedKeys: true, confirmUnencrypted: true } : {}),
      ...(args.bool('p12')
        ? { p12: 'modern' as const }
        : args.bool('p12-legacy')
          ? { p12: 'legacy' as const }
          : {}),
      ...(args.bool('crl') ? { includeCrl: true } : {}),
      ...(args.bool('overwrite') ? { overwrite: true } : {}),
    });
    if (args.bool('json')) printJson(io.stdout, r);
    else {
      for (const b of r.bundles) println(io.stdout, `${b.dir}: ${b.files.join(', ')}`);
      if (r.unencryptedKeys)
        println(
          io.stderr,
          'warning: private keys were written unencrypted (mode 0600); this is recorded in the audit log',
        );
    }
    return 0;
  },
};
