import { createCrl, toPem, type RevokedEntry } from '../core/pki';
import type { Handlers } from '../../shared/ipc/contract';
import type { CrlInfo } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import { writeFileChecked } from '../core/export';
import type { ServiceContext } from './context';
import { writingTo } from './files';
import { issuerInput, pkiContext } from './issuance';
import type { StoredCrl } from './inventory';
import { record, RECORD } from './records';
import { persist } from './store';
import { revokedUnder } from './verdicts';

const DAY_MS = 86_400_000;

function info(c: StoredCrl, pem: string): CrlInfo {
  return { caId: c.caId, number: c.number, thisUpdate: c.thisUpdate, nextUpdate: c.nextUpdate, pem };
}

export function crlPem(der: Uint8Array): string {
  return toPem(der, 'X509 CRL');
}

export function createCrlHandlers(
  ctx: ServiceContext,
): Pick<Handlers, 'crl:generate' | 'crl:latest' | 'crl:save'> {
  return {
    'crl:save': async ({ caId, fileGrant, format, overwrite }) => {
      const path = ctx.grants.take(fileGrant, 'write-file', 'CRL file');
      const { inventory } = ctx.session.unlocked();
      const ca = inventory.ca(caId);
      const crl = inventory.crls.get(caId);
      if (!crl) throw new AppError('NOT_FOUND', `${ca.summary.cn} has no CRL yet: generate one first`);
      const data = format === 'der' ? crl.der : new TextEncoder().encode(crlPem(crl.der));
      return ctx.audit.run(
        'crl.save',
        async () => ({
          ...(await writingTo(path, () => writeFileChecked(path, data, { overwrite: overwrite ?? false }))),
          format,
          number: crl.number,
        }),
        (r) => ({
          subject: ca.summary.subject,
          detail: `CRL #${r.number} as ${format.toUpperCase()} (file SHA-256 ${r.sha256}) to ${r.path}`,
        }),
        { subject: ca.summary.subject, detail: `to ${path}` },
      );
    },
    'crl:generate': async ({ caId, days }) => {
      const { inventory } = ctx.session.writable();
      const ca = inventory.ca(caId);
      return ctx.audit.run(
        'crl.generate',
        async () => {
          const { issuer } = await issuerInput(ctx, caId);
          const entries: RevokedEntry[] = [];
          for (const { summary } of revokedUnder(inventory, caId)) {
            if (!summary.revoked) continue;
            entries.push({
              serialHex: summary.serial,
              revokedAt: new Date(summary.revoked.at),
              reason: summary.revoked.reason,
              ...(summary.revoked.invalidityDate
                ? { invalidityDate: new Date(summary.revoked.invalidityDate) }
                : {}),
            });
          }
          const now = ctx.now();
          const number = (inventory.crls.get(caId)?.number ?? 0) + 1;
          const nextUpdate = new Date(
            now.getTime() + (days ?? inventory.settings.crlNextUpdateDays) * DAY_MS,
          );
          const crl = await createCrl(
            { issuer, crlNumber: number, thisUpdate: now, nextUpdate, entries },
            pkiContext(ctx),
          );
          const stored: StoredCrl = {
            caId,
            number,
            thisUpdate: crl.thisUpdate.toISOString(),
            nextUpdate: crl.nextUpdate.toISOString(),
            der: crl.der,
          };
          await persist(ctx, [record(RECORD.crl, stored)]);
          inventory.crls.set(caId, stored);
          ctx.changed();
          return info(stored, crl.pem);
        },
        (r) => ({ subject: ca.summary.subject, detail: `CRL #${r.number}, next update ${r.nextUpdate}` }),
        { subject: ca.summary.subject },
      );
    },
    'crl:latest': async ({ caId }) => {
      const { inventory } = ctx.session.unlocked();
      inventory.ca(caId);
      const c = inventory.crls.get(caId);
      return c ? info(c, crlPem(c.der)) : null;
    },
  };
}
