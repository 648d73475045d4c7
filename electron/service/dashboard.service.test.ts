import { afterEach, describe, expect, it } from 'vitest';
import { EXPIRING_URGENCIES } from '../../shared/domain/dashboard-summary';
import { certStatus } from '../../shared/domain/expiry';
import { countByStatus, filterInventory } from '../../shared/domain/inventory-query';
import type { CertSummary, ExpiryThresholds } from '../../shared/domain/types';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

const T0 = new Date('2026-03-01T12:00:00Z');
const DAY = 86_400_000;

/**
 * A vault with every status the dashboard counts: valid, expiring (critical and warning), expired, revoked,
 * renewed, and invalid (under a revoked intermediate: only the path validator's verdict says so).
 */
async function mixedVault(clock: { now: Date }): Promise<Fixture> {
  const fx = await makeFixture({ now: () => clock.now });
  fixtures.push(fx);
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  const root = await fx.call('ca:create', { subject: { cn: 'Dash Root' } });
  const issuing = await fx.call('ca:create', { subject: { cn: 'Dash Issuing' }, parentId: root.summary.id });
  const doomed = await fx.call('ca:create', { subject: { cn: 'Dash Doomed' }, parentId: root.summary.id });
  const days = [4, 9, 15, 25, 31, 45, 95, 200, 6, 12, 28, 400];
  const rows = days.map((d, i) => `svc-${i},server,DNS:svc-${i}.internal,ec-p256,${d}`);
  await fx.call('batch:issue', {
    caId: issuing.summary.id,
    manifest: ['name,profile,sans,key,days', ...rows].join('\n'),
    batchId: 'dashboard',
  });
  const leaf = (caId: string, cn: string, validityDays: number): Promise<{ summary: CertSummary }> =>
    fx.call('certs:issue', {
      caId,
      profile: 'server',
      subject: { cn },
      sans: [{ type: 'dns', value: `${cn}.internal` }],
      validity: { days: validityDays },
    });
  await leaf(issuing.summary.id, 'short-lived', 2);
  const revoked = await leaf(issuing.summary.id, 'revoked-svc', 10);
  await fx.call('certs:revoke', { id: revoked.summary.id, reason: 'keyCompromise' });
  const renewed = await leaf(issuing.summary.id, 'renewed-svc', 20);
  await fx.call('certs:renew', { id: renewed.summary.id });
  await leaf(doomed.summary.id, 'under-doomed', 300);
  await fx.call('certs:revoke', { id: doomed.summary.id, reason: 'cACompromise' });
  // Three days on: short-lived has expired.
  clock.now = new Date(T0.getTime() + 3 * DAY);
  return fx;
}

const soonestFirst = (a: CertSummary, b: CertSummary): number =>
  Date.parse(a.notAfter) - Date.parse(b.notAfter);

function urgentInList(list: readonly CertSummary[], now: Date, t: ExpiryThresholds): CertSummary[] {
  return list.filter((c) => ['expiring', 'expired'].includes(certStatus(c, now, t))).sort(soonestFirst);
}

describe('dashboard:summary', () => {
  it('counts exactly the statuses certs:list shows, verdicts included, and lists its most urgent certificates', async () => {
    const clock = { now: T0 };
    const fx = await mixedVault(clock);
    const list = await fx.call('certs:list', {});
    const summary = await fx.call('dashboard:summary', {});
    const { thresholds } = await fx.call('settings:get', {});

    expect(summary.total).toBe(list.length);
    expect(summary.counts).toEqual(countByStatus(list, clock.now, thresholds));
    for (const status of ['valid', 'expiring', 'expired', 'revoked', 'renewed', 'invalid'] as const)
      expect(summary.counts[status], status).toBeGreaterThan(0);
    expect(list.find((c) => c.cn === 'under-doomed')?.invalidReason).toMatch(/revoked/);

    const urgent = urgentInList(list, clock.now, thresholds);
    expect(urgent.length).toBeGreaterThan(8);
    // The same summaries as the list's rows, so a row on the dashboard says what Certificates says.
    expect(summary.expiring.mostUrgent.map((i) => i.cert)).toEqual(urgent.slice(0, 8));
    const banded = EXPIRING_URGENCIES.reduce((n, u) => n + summary.expiring.byUrgency[u], 0);
    expect(banded).toBe(summary.counts.expiring + summary.counts.expired);
    expect(summary.expiring.byUrgency.expired).toBe(summary.counts.expired);
    // Due later (valid, Warning ≤ days left < Notice): the number the dashboard shows is the rows the filter lists.
    expect(summary.expiring.later).toBeGreaterThan(0);
    expect(summary.expiring.later).toBe(
      filterInventory(list, { dueLater: true }, clock.now, thresholds).length,
    );
    expect(summary.authorities.map((c) => c.cn)).toEqual(['Dash Root', 'Dash Issuing', 'Dash Doomed']);
    expect(summary.timeline.months[0]?.key).toBe('2026-03');
  });

  it('hands out copies: changing the certificates it names changes nothing the vault lists', async () => {
    const clock = { now: T0 };
    const fx = await mixedVault(clock);
    const summary = await fx.call('dashboard:summary', {});
    const before = await fx.call('certs:list', {});
    for (const c of [...summary.authorities, ...summary.expiring.mostUrgent.map((i) => i.cert)]) {
      c.cn = 'changed by a caller';
      c.sans.push({ type: 'dns', value: 'injected.example' });
      c.revoked = { at: T0.toISOString(), reason: 'superseded' };
    }
    expect(await fx.call('certs:list', {})).toEqual(before);
    expect((await fx.call('dashboard:summary', {})).authorities.map((c) => c.cn)).toEqual([
      'Dash Root',
      'Dash Issuing',
      'Dash Doomed',
    ]);
  });

  it("follows the vault's expiry thresholds and answers only the rows asked for", async () => {
    const clock = { now: T0 };
    const fx = await mixedVault(clock);
    const before = await fx.call('dashboard:summary', {});
    await fx.call('settings:set', { thresholds: { critical: 7, warning: 60, notice: 90 } });
    const list = await fx.call('certs:list', {});
    const after = await fx.call('dashboard:summary', { expiringRows: 2 });
    const t = { critical: 7, warning: 60, notice: 90 };
    expect(after.counts).toEqual(countByStatus(list, clock.now, t));
    expect(after.counts.expiring).toBeGreaterThan(before.counts.expiring);
    expect(after.expiring.later).toBe(filterInventory(list, { dueLater: true }, clock.now, t).length);
    expect(after.expiring.later).not.toBe(before.expiring.later);
    expect(after.expiring.mostUrgent.map((i) => i.cert.id)).toEqual(
      urgentInList(list, clock.now, t)
        .slice(0, 2)
        .map((c) => c.id),
    );
    expect((await fx.call('dashboard:summary', { expiringRows: 0 })).expiring.mostUrgent).toEqual([]);
  });

  it('refuses malformed input with INVALID_INPUT, and answers VAULT_LOCKED while locked', async () => {
    const fx = await makeFixture();
    fixtures.push(fx);
    await fx.call('vault:create', { passphrase: PASSPHRASE });
    for (const bad of [
      { expiringRows: -1 },
      { expiringRows: 101 },
      { expiringRows: 2.5 },
      { expiringRows: '8' },
      { expiringRows: Number.NaN },
      { rows: 3 },
      [],
      'summary',
    ])
      expect(await fx.dispatch('dashboard:summary', bad), JSON.stringify(bad)).toMatchObject({
        ok: false,
        error: { code: 'INVALID_INPUT' },
      });
    expect((await fx.call('dashboard:summary', {})).total).toBe(0);
    await fx.service.lock('test');
    expect((await fx.fail('dashboard:summary', {})).code).toBe('VAULT_LOCKED');
  });
});
