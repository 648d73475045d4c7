import { checkMtls } from '../core/tls-check';
import { toPem } from '../core/pki';
import type { Handlers } from '../../shared/ipc/contract';
import type { HandshakeReport } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';
import { crlPem } from './crl.service';
import type { Inventory, InventoryEntry } from './inventory';
import { vaultTrust, verdictOf, type VaultTrust } from './verdicts';

const pem = (der: Uint8Array): string => toPem(der, 'CERTIFICATE');

function leafWithKey(inventory: Inventory, id: string, role: string): InventoryEntry {
  const e = inventory.get(id);
  if (e.summary.kind !== 'leaf')
    throw new AppError('INVALID_INPUT', `The ${role} certificate ${e.summary.cn} is a CA, not a leaf`);
  if (!e.keyRef) {
    throw new AppError(
      'NOT_SUPPORTED',
      `The vault holds no private key for ${e.summary.cn} (signed from a CSR): it cannot act as the ${role}`,
    );
  }
  return e;
}

interface SidePath {
  /** intermediates the side sends, nearest first */
  chain: Uint8Array[];
  /** the root of its own chain: what its export bundle carries as ca.crt */
  root: Uint8Array | undefined;
  /** the CA ids on its path, for the CRLs */
  caIds: string[];
  revokedMessage: string | null;
}

function sidePath(entry: InventoryEntry, role: string, now: Date, trust: VaultTrust): SidePath {
  const verdict = verdictOf(entry, now, trust, role === 'server' ? 'serverAuth' : 'clientAuth');
  const revokedAt = verdict.links.findIndex((l) => l.checks.some((c) => c.check === 'revocation' && !c.ok));
  const revokedLink = verdict.links[revokedAt];
  const revokedCheck = revokedLink?.checks.find((c) => c.check === 'revocation' && !c.ok);
  const who =
    revokedAt === 0
      ? `The ${role} certificate ${entry.summary.cn}`
      : `CA "${revokedLink?.subject}" in the ${role} chain`;
  const last = verdict.path.at(-1);
  const hasRoot =
    verdict.path.length > 1 && verdict.links.at(-1)?.checks.some((c) => c.check === 'trust' && c.ok);
  return {
    chain: verdict.path.slice(1, hasRoot ? -1 : undefined),
    root: hasRoot ? last : undefined,
    caIds: verdict.links.slice(1).flatMap((l) => (l.id ? [l.id] : [])),
    revokedMessage: revokedCheck ? `${who} is ${revokedCheck.message}` : null,
  };
}

function trustFrom(
  inventory: Inventory,
  ids: readonly string[] | undefined,
  fallback: Uint8Array | undefined,
  role: string,
): string[] {
  if (ids && ids.length > 0) return ids.map((id) => pem(inventory.ca(id).der));
  if (!fallback)
    throw new AppError(
      'INVALID_INPUT',
      `The ${role} certificate does not chain to a root in this vault: choose what it trusts`,
    );
  return [pem(fallback)];
}

export function createTlsHandlers(ctx: ServiceContext): Pick<Handlers, 'tls:checkMtls'> {
  return {
    'tls:checkMtls': async (input): Promise<HandshakeReport> => {
      const { serverId, clientId, serverName } = input;
      const { vault, inventory } = ctx.session.unlocked();
      const server = leafWithKey(inventory, serverId, 'server');
      const client = leafWithKey(inventory, clientId, 'client');
      const now = ctx.now();
      const trust = vaultTrust(inventory);
      const serverSide = sidePath(server, 'server', now, trust);
      const clientSide = sidePath(client, 'client', now, trust);
      // A revoked certificate (or issuer) is refused by a relying party with the CRL; say so without needing one.
      for (const side of [serverSide, clientSide]) {
        if (side.revokedMessage)
          return { ok: false, reason: 'revoked', serverName, message: side.revokedMessage };
      }
      // As deployed from the export bundles: each side trusts the root of its own chain (its ca.crt) unless
      // the operator picked another trust bundle for it.
      const serverTrusts = trustFrom(inventory, input.serverTrustIds, serverSide.root, 'server');
      const clientTrusts = trustFrom(inventory, input.clientTrustIds, clientSide.root, 'client');
      // OpenSSL insists on a CRL from every CA in a chain once any is given: pass CRLs only when all exist.
      const caIds = [...new Set([...serverSide.caIds, ...clientSide.caIds])];
      const crls = caIds.map((id) => inventory.crls.get(id));
      const allCrls = crls.length > 0 && crls.every((c) => c !== undefined);
      // Every key unwrapped here is zeroed on every path, including when the second unwrap fails.
      const serverKey = await vault.DANGEROUS_unwrapKeyBytes(server.keyRef ?? '');
      try {
        const clientKey = await vault.DANGEROUS_unwrapKeyBytes(client.keyRef ?? '');
        try {
          return await checkMtls({
            serverCertPem: pem(server.der),
            serverKeyPkcs8: serverKey,
            serverChainPem: serverSide.chain.map(pem),
            clientCertPem: pem(client.der),
            clientKeyPkcs8: clientKey,
            clientChainPem: clientSide.chain.map(pem),
            caCertsPem: [...new Set([...serverTrusts, ...clientTrusts])],
            serverTrustsPem: serverTrusts,
            clientTrustsPem: clientTrusts,
            serverName,
            ...(allCrls ? { crlPem: crls.map((c) => (c ? crlPem(c.der) : '')).join('') } : {}),
            now,
          });
        } finally {
          clientKey.fill(0);
        }
      } finally {
        serverKey.fill(0);
      }
    },
  };
}
