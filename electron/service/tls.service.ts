import { checkMtls } from '../core/tls-check';
import { toPem } from '../core/pki';
import type { Handlers } from '../../shared/ipc/contract';
import type { HandshakeReport } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import { issuersOf } from './chain-of';
import type { ServiceContext } from './context';
import { crlPem } from './crl.service';
import type { Inventory, InventoryEntry } from './inventory';

const pem = (e: InventoryEntry): string => toPem(e.der, 'CERTIFICATE');

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

export function createTlsHandlers(ctx: ServiceContext): Pick<Handlers, 'tls:checkMtls'> {
  return {
    'tls:checkMtls': async ({ serverId, clientId, serverName }): Promise<HandshakeReport> => {
      const { vault, inventory } = ctx.session.unlocked();
      const server = leafWithKey(inventory, serverId, 'server');
      const client = leafWithKey(inventory, clientId, 'client');
      // A revoked certificate is refused by a relying party with the CRL; say so without needing one.
      for (const [e, role] of [
        [server, 'server'],
        [client, 'client'],
      ] as const) {
        if (e.summary.revoked) {
          return {
            ok: false,
            reason: 'revoked',
            serverName,
            message: `The ${role} certificate ${e.summary.cn} is revoked (${e.summary.revoked.reason})`,
          };
        }
      }
      const serverIssuers = issuersOf(inventory, server);
      const clientIssuers = issuersOf(inventory, client);
      const roots = [
        ...new Map(
          [serverIssuers.at(-1), clientIssuers.at(-1)]
            .filter((x) => x !== undefined)
            .map((r) => [r.summary.id, r]),
        ).values(),
      ];
      // OpenSSL insists on a CRL from every CA in a chain once any is given: pass CRLs only when all exist.
      const cas = [...serverIssuers, ...clientIssuers];
      const crls = cas.map((c) => inventory.crls.get(c.summary.id));
      const allCrls = crls.length > 0 && crls.every((c) => c !== undefined);
      const serverKey = await vault.DANGEROUS_unwrapKeyBytes(server.keyRef ?? '');
      const clientKey = await vault.DANGEROUS_unwrapKeyBytes(client.keyRef ?? '');
      try {
        return await checkMtls({
          serverCertPem: pem(server),
          serverKeyPkcs8: serverKey,
          serverChainPem: serverIssuers.slice(0, -1).map(pem),
          clientCertPem: pem(client),
          clientKeyPkcs8: clientKey,
          clientChainPem: clientIssuers.slice(0, -1).map(pem),
          caCertsPem: roots.map(pem),
          serverName,
          ...(allCrls ? { crlPem: [...new Set(crls.map((c) => (c ? crlPem(c.der) : '')))].join('') } : {}),
          now: ctx.now(),
        });
      } finally {
        serverKey.fill(0);
        clientKey.fill(0);
      }
    },
  };
}
