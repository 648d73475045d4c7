/**
 * certs:changed tells the renderer to refetch: it must go out once per change, after the change's audit
 * entry is on disk, so the dashboard's refetch shows the entry without waiting and re-polling.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPathFor } from '../core/audit/audit-log';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';

let fx: Fixture;
/** the last audit operation on disk at the moment each certs:changed went out */
const seenAtEvent: string[] = [];

function lastAuditOperation(): string {
  const lines = readFileSync(auditPathFor(fx.vaultPath), 'utf8').trim().split('\n');
  return (JSON.parse(lines.at(-1)!) as { operation: string }).operation;
}

beforeAll(async () => {
  fx = await makeFixture({
    extra: {
      emit: (event) => {
        if (event === 'certs:changed') seenAtEvent.push(lastAuditOperation());
      },
    },
  });
  await fx.call('vault:create', { passphrase: PASSPHRASE });
}, 60_000);
afterAll(() => fx.cleanup());

async function changedAfter(run: () => Promise<unknown>): Promise<string[]> {
  seenAtEvent.length = 0;
  await run();
  return [...seenAtEvent];
}

describe('certs:changed', () => {
  it('goes out once per mutating operation, after its audit entry is written', async () => {
    const ca = await fx.call('ca:create', { subject: { cn: 'events-ca' } });
    const caId = ca.summary.id;
    expect(await changedAfter(async () => fx.call('ca:create', { subject: { cn: 'events-ca-2' } }))).toEqual([
      'ca.create',
    ]);
    let certId = '';
    expect(
      await changedAfter(async () => {
        const r = await fx.call('certs:issue', {
          caId,
          profile: 'server',
          subject: { cn: 'svc' },
          sans: [{ type: 'dns', value: 'svc.internal' }],
        });
        certId = r.summary.id;
      }),
    ).toEqual(['certs.issue']);
    expect(await changedAfter(() => fx.call('certs:renew', { id: certId }))).toEqual(['certs.renew']);
    expect(await changedAfter(() => fx.call('certs:revoke', { id: certId }))).toEqual(['certs.revoke']);
    expect(await changedAfter(() => fx.call('crl:generate', { caId }))).toEqual(['crl.generate']);
    const manifest =
      'name,profile,sans,key,days\nb1,server,DNS:b1.internal,ec-p256,30\nb2,server,DNS:b2.internal,ec-p256,30\n';
    expect(await changedAfter(() => fx.call('batch:issue', { caId, manifest, batchId: 'ev' }))).toEqual([
      'batch.issue',
    ]);
  });

  it('does not go out for reads, nor for a mutation that changed nothing', async () => {
    expect(await changedAfter(() => fx.call('certs:list', {}))).toEqual([]);
    expect(await changedAfter(() => fx.fail('certs:revoke', { id: 'no-such-cert' }))).toEqual([]);
  });
});
