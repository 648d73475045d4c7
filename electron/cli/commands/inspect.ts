import { resolve } from 'node:path';
import type { InspectResult } from '../../../shared/ipc/contract';
import { JSON_OPT, type Command } from '../command';
import { CliError, EXIT } from '../errors';
import { println, printJson } from '../io';
import { readSecretFile } from '../passphrase';
import type { CliClient } from '../client';
import type { CommandContext } from '../command';
import { certificateLines, crlLines, csrLines, extensionLines } from './view-text';

const KIND_LABELS: Record<InspectResult['kind'], string> = {
  certificate: 'Certificate',
  chain: 'Certificate chain',
  csr: 'Certificate signing request',
  crl: 'Certificate revocation list',
  pkcs12: 'PKCS#12 bundle',
};

/** The vault read-only when there is one (for the verdict); without a vault the file is only decoded. */
async function openForInspect(
  open: CommandContext['open'],
  vaultPassFile: string | undefined,
): Promise<CliClient> {
  try {
    return await open({ readOnly: true, passphraseFile: vaultPassFile });
  } catch (e) {
    if (e instanceof CliError && e.code === 'NO_VAULT') return open({ readOnly: true, mode: 'none' });
    throw e;
  }
}

/** False when something checked failed: a certificate that does not validate, a CSR with a bad signature. */
function verdictFails(r: InspectResult): boolean {
  return r.certificates.some((c) => c.valid === false) || r.csr?.signatureValid === false;
}

export const inspectCommand: Command = {
  path: ['inspect'],
  summary: 'decode any certificate, chain, CSR, CRL or PKCS#12 file and check it against the vault',
  positionals: 'one',
  options: { ...JSON_OPT, 'vault-passphrase-file': { type: 'string' } },
  help: `Usage: certdesk inspect FILE [--passphrase-file F] [--vault-passphrase-file F] [--json]

Shows what the app's Inspect page shows: the decoded certificate(s), CSR or CRL in FILE (PEM or DER, or a
PKCS#12 file), and for certificates the verdict against the vault's CAs and trust anchors. Exits 1 when the
verdict fails (a certificate that does not validate, a CSR whose signature is wrong). Without a vault the
file is decoded and not checked. Private keys are never shown.

Options:
  --passphrase-file F         the PKCS#12 file's passphrase (first line of F). In this command the flag
                              names the inspected file's passphrase, not the vault's.
  --vault-passphrase-file F   the vault passphrase (else $CERTDESK_PASSPHRASE, else a prompt)
  --json                      print {"kind","certificates":[…, "verdict","valid"],"csr","crl"}
  --vault FILE                vault file (default: $CERTDESK_VAULT, else the desktop app's vault)`,
  async run({ io, args, open }) {
    const file = resolve(args.positionals[0] ?? '');
    const passFile = args.str('passphrase-file');
    const passphrase = passFile ? readSecretFile(passFile, 'PKCS#12 passphrase') : undefined;
    const client = await openForInspect(open, args.str('vault-passphrase-file'));
    const r = await client.call('inspect:file', {
      fileGrant: client.grant(file, 'read-file'),
      ...(passphrase !== undefined ? { passphrase } : {}),
    });
    if (args.bool('json')) printJson(io.stdout, r);
    else {
      const lines: string[] = [`${KIND_LABELS[r.kind]}: ${file}`];
      r.certificates.forEach((c, i) => {
        lines.push('', `${r.certificates.length > 1 ? `Certificate ${i + 1}: ` : ''}${c.verdict}`);
        if (c.knownId) lines.push(`  in the vault as ${c.knownId}`);
        lines.push(...certificateLines(c), ...extensionLines(c));
      });
      if (r.csr) lines.push('', ...csrLines(r.csr));
      if (r.crl) lines.push('', ...crlLines(r.crl));
      println(io.stdout, lines.join('\n'));
    }
    return verdictFails(r) ? EXIT.checkFailed : 0;
  },
};
