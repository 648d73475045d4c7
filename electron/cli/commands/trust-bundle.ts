import { mkdirSync, readdirSync, rmdirSync, statSync } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { safeFolderName } from '../../core/export';
import { JSON_OPT, type Command } from '../command';
import { usage } from '../errors';
import { println, printJson } from '../io';
import { resolveCa } from '../resolve';
import { VAULT_OPTIONS_HELP } from './common-help';

/** An empty folder the operator named (e.g. from mktemp -d) holds nothing to lose: the bundle may take its place. */
function removeIfEmptyFolder(dir: string): boolean {
  try {
    if (!statSync(dir).isDirectory() || readdirSync(dir).length > 0) return false;
    rmdirSync(dir);
    return true;
  } catch {
    return false; // absent or unreadable: the service reports what it finds
  }
}

export const trustBundleCommand: Command = {
  path: ['trust-bundle'],
  summary: 'write the CA certificates relying parties trust (ca-bundle.pem, one .crt per CA, CRLs)',
  positionals: 'none',
  options: {
    ...JSON_OPT,
    out: { type: 'string' },
    ca: { type: 'string', multiple: true },
    crls: { type: 'boolean' },
    overwrite: { type: 'boolean' },
  },
  help: `Usage: certdesk trust-bundle --out DIR [--ca CA_NAME]... [--crls] [--overwrite] [--json]

Writes the folder DIR with:
  ca-bundle.pem       every CA certificate, intermediates before the CA that issued them, roots last
  <ca-name>.crt       one PEM file per CA (Debian update-ca-certificates, keytool -importcert)
  <ca-name>.crl       with --crls: the CA's latest CRL as PEM, and <ca-name>.crl.der as DER
  manifest.json       the CAs with fingerprints, and the CAs left out with the reason
  SHA256SUMS          sha256sum -c SHA256SUMS
  README.txt          where each file goes (Go ClientCAs/RootCAs, nginx, Debian, Java)
Revoked and expired CAs, and CAs below one, are never written; they are listed in manifest.json. No private key is written.
Files are written to a temporary folder, verified, then renamed: DIR must not exist (an empty DIR is
fine) unless --overwrite.

Options:
  --out DIR        the bundle folder to create
  --ca CA_NAME     include only this CA (repeatable; default: every CA in the vault)
  --crls           include each CA's latest CRL (generate it with \`certdesk crl\` first)
  --overwrite      replace an existing DIR
  --json           print {"dir","files","excluded":[{"id","cn","reason","detail"}]}
${VAULT_OPTIONS_HELP}`,
  async run({ io, args, open }) {
    const out = resolve(args.required('out'));
    if (safeFolderName(basename(out)) !== basename(out))
      throw usage(
        `--out: name the bundle folder with letters, digits, ".", "_" and "-" only (got "${basename(out)}")`,
      );
    const client = await open();
    const caIds: string[] = [];
    for (const name of args.strs('ca')) caIds.push((await resolveCa(client, name, io.now())).id);
    // The operator named the folder, so its parent is created as `export --out` does.
    mkdirSync(dirname(out), { recursive: true });
    const removedEmpty = !args.bool('overwrite') && removeIfEmptyFolder(out);
    const r = await client
      .call('export:trustBundle', {
        folderGrant: client.grant(dirname(out), 'write-folder'),
        folderName: basename(out),
        ...(caIds.length ? { caIds } : {}),
        ...(args.bool('crls') ? { withCrls: true } : {}),
        ...(args.bool('overwrite') ? { overwrite: true } : {}),
      })
      .catch((e: unknown) => {
        if (removedEmpty) mkdirSync(out, { recursive: true });
        throw e;
      });
    const files = r.bundles[0]?.files ?? [];
    const excluded = r.excluded ?? [];
    if (args.bool('json')) printJson(io.stdout, { dir: r.bundles[0]?.dir ?? out, files, excluded });
    else {
      println(io.stdout, `${r.bundles[0]?.dir ?? out}: ${files.join(', ')}`);
      for (const e of excluded) println(io.stderr, `left out ${e.cn} (${e.id}): ${e.reason}`);
    }
    return 0;
  },
};
