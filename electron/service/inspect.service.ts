import {
  DANGEROUS_readPkcs12,
  parsePemBundle,
  validatePath,
  viewCertificate,
  viewCrl,
  viewCsr,
  type KnownCa,
  type PemBlock,
} from '../core/pki';
import type { Handlers, InspectResult } from '../../shared/ipc/contract';
import { AppError } from '../../shared/ipc/error-codes';
import { vaultPathInputs } from './verdicts';
import type { ServiceContext } from './context';
import { readInputFile } from './files';
import type { Inventory } from './inventory';

/** Inspects any certificate, chain, CSR, CRL or PKCS#12, checking certificates against the vault's CAs. */
export async function inspect(
  ctx: ServiceContext,
  input: string | Uint8Array,
  passphrase: string | undefined,
): Promise<InspectResult> {
  const inventory = ctx.session.status().state === 'unlocked' ? ctx.session.unlocked().inventory : null;
  let blocks: PemBlock[] = parsePemBundle(input);
  let kind: InspectResult['kind'] | null = null;
  const p12 = blocks.find((b) => b.type === 'pkcs12');
  if (p12) {
    const contents = await DANGEROUS_readPkcs12(p12.der, passphrase ?? '');
    // Only certificates are shown; the key (if any) is zeroed straight away and never leaves main.
    contents.key?.DANGEROUS_pkcs8.fill(0);
    blocks = contents.certificates.map((der) => ({ type: 'certificate', label: 'PKCS12', der }));
    kind = 'pkcs12';
  }
  const certs = blocks.filter((b) => b.type === 'certificate').map((b) => b.der);
  const csr = blocks.find((b) => b.type === 'csr');
  const crl = blocks.find((b) => b.type === 'crl');
  if (!kind)
    kind = csr ? 'csr' : crl ? 'crl' : certs.length > 1 ? 'chain' : certs.length === 1 ? 'certificate' : null;
  if (!kind) {
    throw new AppError(
      'INVALID_PEM',
      'Nothing to inspect: expected a certificate, chain, CSR, CRL or PKCS#12 (private keys are not inspected)',
    );
  }
  const result: InspectResult = {
    kind,
    certificates: certs.map((der) => certificateEntry(ctx, inventory, der, certs)),
  };
  if (csr) result.csr = await viewCsr(csr.der, ctx.crypto);
  if (crl) result.crl = viewCrl(crl.der, inventory ? inventory.cas().map((c) => c.der) : []);
  return result;
}

function certificateEntry(
  ctx: ServiceContext,
  inventory: Inventory | null,
  der: Uint8Array,
  fileCerts: Uint8Array[],
): InspectResult['certificates'][number] {
  const view = viewCertificate(der);
  const known = inventory?.bySha256(view.fingerprints.sha256) ?? null;
  if (!inventory)
    return { ...view, knownId: null, verdict: 'Not checked: unlock the vault to check against its CAs' };
  // Certificates from the file help build the path but are never trusted: only vault CAs anchor it.
  const extra: KnownCa[] = fileCerts
    .filter((c) => c !== der)
    .map((c) => ({ id: null, der: c, trusted: false }));
  const vault = vaultPathInputs(inventory);
  const chain = validatePath(der, {
    ...vault,
    knownCas: [...vault.knownCas, ...extra],
    now: ctx.now(),
    certId: known?.summary.id ?? null,
  });
  let verdict: string;
  if (chain.ok) {
    const anchor = chain.links[chain.links.length - 1];
    verdict = `Valid: chains to ${anchor?.subject ?? 'a vault CA'} in this vault`;
  } else {
    verdict = `Not valid against this vault: ${chain.firstFailure ?? 'no path to a vault CA'}`;
  }
  return { ...view, knownId: known?.summary.id ?? null, verdict, valid: chain.ok };
}

export function createInspectHandlers(
  ctx: ServiceContext,
): Pick<Handlers, 'inspect:text' | 'inspect:file' | 'csr:parse'> {
  return {
    'inspect:text': async ({ text, passphrase }) => inspect(ctx, text, passphrase),
    'inspect:file': async ({ fileGrant, passphrase }) =>
      inspect(
        ctx,
        await readInputFile(ctx.grants.take(fileGrant, 'read-file', 'file to inspect'), 'input'),
        passphrase,
      ),
    'csr:parse': async ({ pem }) => viewCsr(pem, ctx.crypto),
  };
}
