import { expiryCalendar, writeFileChecked } from '../core/export';
import type { Handlers } from '../../shared/ipc/contract';
import { awaitsRenewal } from '../../shared/domain/expiry';
import type { ServiceContext } from './context';
import { writingTo } from './files';
import { summariesWithVerdicts } from './verdicts';

/** The dashboard's "Export to calendar": a renewal event for every certificate someone still has to renew. */
export function createCalendarHandlers(ctx: ServiceContext): Pick<Handlers, 'export:calendar'> {
  return {
    'export:calendar': async ({ fileGrant, leadDays, overwrite }) => {
      const path = ctx.grants.take(fileGrant, 'write-file', 'calendar file');
      const { inventory } = ctx.session.unlocked();
      const now = ctx.now();
      const certs = summariesWithVerdicts(inventory, inventory.entries.values(), now)
        .filter(awaitsRenewal)
        .sort((a, b) => Date.parse(a.notAfter) - Date.parse(b.notAfter));
      const lead = leadDays ?? 30;
      const data = new TextEncoder().encode(expiryCalendar(certs, { leadDays: lead, now }));
      return ctx.audit.run(
        'export.calendar',
        async () => {
          const written = await writingTo(path, () =>
            writeFileChecked(path, data, { overwrite: overwrite ?? false }),
          );
          return { ...written, events: certs.length };
        },
        (r) => ({ detail: `${r.events} renewal event(s), ${lead} days ahead, to ${r.path}` }),
        { detail: `to ${path}` },
      );
    },
  };
}
