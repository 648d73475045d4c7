import { dashboardSummary } from '../../shared/domain/dashboard-summary';
import type { Handlers } from '../../shared/ipc/contract';
import { copySummary, type ServiceContext } from './context';
import { summariesToRead } from './verdicts';

/**
 * The dashboard's model, derived here by the same function and from the same verdicts and thresholds as the
 * list the Certificates page shows, so cards, list and filters agree. Main's clock is the "now"; the page
 * formats the instants it gets in its own time zone.
 */
export function createDashboardHandlers(ctx: ServiceContext): Pick<Handlers, 'dashboard:summary'> {
  return {
    'dashboard:summary': async ({ expiringRows }) => {
      const { inventory } = ctx.session.unlocked();
      const now = ctx.now();
      const summary = dashboardSummary(
        summariesToRead(inventory, now),
        now,
        inventory.settings.thresholds,
        expiringRows,
      );
      // The few certificates it names leave main: copies, never the inventory's own objects.
      summary.expiring.mostUrgent = summary.expiring.mostUrgent.map((e) => ({
        ...e,
        cert: copySummary(e.cert),
      }));
      summary.authorities = summary.authorities.map(copySummary);
      return summary;
    },
  };
}
