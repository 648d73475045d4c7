import { readSecretFile } from '../passphrase';
import { JSON_OPT, type Command } from '../command';
import { CliError, EXIT, usage } from '../errors';
import { println, printJson } from '../io';
import { VAULT_OPTIONS_HELP } from './common-help';
import { lintLines } from './view-text';

function cnOf(subject: string): string | null {
  const m = /(?:^|,\s*)CN=((?:\\.|[^,])*)/.exec(subject);
  return m?.[1] ?? null;
}

export const caImportCommand: Command = {
  path: ['ca', 'import'],
  summary: 'import an existing CA (certificate + private key, or PKCS#12)',
  positionals: 'none',
  options: {
    ...JSON_OPT,
    name: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    'key-passphrase-file': { type: 'string' },
    p12: { type: 'string' },
    'p12-passphrase-file': { type: 'string' },
  },
  help: `Usage: certdesk ca import --name NAME --cert FILE --key FILE [--key-passphrase-file FILE] [--json]
       certdesk ca import --name NAME --p12 FILE [--p12-passphrase-file FILE] [--json]

Imports a CA made elsewhere (e.g. the openssl ceremony: ca.crt + ca.key) so CertDesk can issue from it.
The key may be PKCS#1, SEC1, PKCS#8 or encrypted PKCS#8; it is refused when it does not match the
certificate. NAME must equal the certificate's CN (a safety check that you import the CA you mean).

Options:
  --name NAME                  the CA's common name, as in the certificate
  --cert FILE                  CA certificate, PEM or DER
  --key FILE                   its private key
  --key-passphrase-file FILE   passphrase of an encrypted key (first line of FILE)
  --p12 FILE                   a PKCS#12 file holding the CA certificate and key instead
  --p12-passphrase-file FILE   its passphrase
  --json                       print the imported CA's summary with its lint findings ("lint")
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const name = args.required('name');
    const p12 = args.str('p12');
    const cert = args.str('cert');
    const key = args.str('key');
    if (p12 && (cert || key)) throw usage('Give either --p12 or --cert/--key, not both');
    if (!p12 && !cert) throw usage('--cert FILE (with --key FILE) or --p12 FILE is required');
    if (cert && !key)
      throw usage('--key FILE is required with --cert (use `certdesk` in the app to import trust anchors)');
    const keyPassFile = args.str('key-passphrase-file');
    const p12PassFile = args.str('p12-passphrase-file');
    const client = await open();
    if (cert) {
      const view = await client.call('inspect:file', { fileGrant: client.grant(cert, 'read-file') });
      const cn = view.certificates[0] ? cnOf(view.certificates[0].subject) : null;
      if (cn !== name) {
        throw new CliError(
          EXIT.refused,
          `--name "${name}" does not match the certificate's CN "${cn ?? '(none)'}" in ${cert}`,
          'INVALID_SUBJECT',
        );
      }
    }
    const summary = await client.call('ca:import', {
      ...(p12
        ? {
            p12Grant: client.grant(p12, 'read-file'),
            ...(p12PassFile ? { p12Passphrase: readSecretFile(p12PassFile, 'PKCS#12 passphrase') } : {}),
          }
        : {}),
      ...(cert ? { certGrant: client.grant(cert, 'read-file') } : {}),
      ...(key ? { keyGrant: client.grant(key, 'read-file') } : {}),
      ...(keyPassFile ? { keyPassphrase: readSecretFile(keyPassFile, 'key passphrase') } : {}),
    });
    if (p12 && summary.cn !== name) {
      println(
        io.stderr,
        `warning: imported CA's CN is "${summary.cn}", not "${name}"; refer to it as --ca "${summary.cn}"`,
      );
    }
    const { lint } = await client.call('certs:get', { id: summary.id });
    if (args.bool('json')) printJson(io.stdout, { ...summary, lint });
    else {
      println(
        io.stdout,
        `Imported CA ${summary.cn} (id ${summary.id}, ${summary.hasKey ? 'with key' : 'certificate only'})`,
      );
      if (lint.length) println(io.stdout, lintLines(lint).join('\n'));
    }
    return 0;
  },
};
