/**
 * certs:changed tells the renderer to refetch: it must go out once per change, after the change's audit
 * entry is on disk, so the dashboard's refetch shows the entry without waiting and re-polling.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditPathFor } from '../core/audit/audit-log';
import { AuditRecorder } from './audit-recorder';
import { VaultSession } from './session';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';

let fx: Fixture;
/** the last audit operation on disk at the moment each certs:changed went out */
const seenAtEvent: string[] = [];
/** the same, for each audit:appended */
const seenAtAuditEvent: string[] = [];

function lastAuditOperation(): string {
  const lines = readFileSync(auditPathFor(fx.vaultPath), 'utf8').trim().split('\n');
  return (JSON.parse(lines.at(-1)!) as { operation: string }).operation;
}

beforeAll(async () => {
  fx = await makeFixture({
    extra: {
      emit: (event) => {
        if (event === 'certs:changed') seenAtEvent.push(lastAuditOperation());
        if (event === 'audit:appended') seenAtAuditEvent.push(lastAuditOperation());
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

  it('does not go out for unlocking: the renderer loads the list once, when it sees the vault unlocked', async () => {
    await fx.call('vault:lock', {});
    expect(await changedAfter(() => fx.call('vault:unlock', { passphrase: PASSPHRASE }))).toEqual([]);
  });

  it('does not go out for reads, nor for a mutation that changed nothing', async () => {
    expect(await changedAfter(() => fx.call('certs:list', {}))).toEqual([]);
    expect(await changedAfter(() => fx.fail('certs:revoke', { id: 'no-such-cert' }))).toEqual([]);
  });
});

describe('audit:appended', () => {
  async function appendedAfter(run: () => Promise<unknown>): Promise<string[]> {
    seenAtAuditEvent.length = 0;
    await run();
    await new Promise((resolve) => setImmediate(resolve));
    return [...seenAtAuditEvent];
  }

  it('goes out once the entry is on disk, also for operations that change no certificate', async () => {
    const ca = await fx.call('ca:create', { subject: { cn: 'audit-events-ca' } });
    expect(await appendedAfter(() => fx.call('crl:generate', { caId: ca.summary.id }))).toEqual([
      'crl.generate',
    ]);
    const file = path.join(fx.dir, 'renewals.ics');
    expect(
      await appendedAfter(() =>
        fx.call('export:calendar', { fileGrant: fx.grant(file, 'write-file'), leadDays: 30 }),
      ),
    ).toEqual(['export.calendar']);
    // an export changes no certificate: the dashboard's activity list refetches on audit:appended alone
    let certsChanged: string[] = [];
    const audited = await appendedAfter(async () => {
      certsChanged = await changedAfter(() =>
        fx.call('export:calendar', {
          fileGrant: fx.grant(file, 'write-file'),
          leadDays: 30,
          overwrite: true,
        }),
      );
    });
    expect(certsChanged).toEqual([]);
    expect(audited).toEqual(['export.calendar']);
  });

  it('is not announced when nothing was written (no vault to record beside)', async () => {
    let announced = 0;
    const recorder = new AuditRecorder(
      new VaultSession({}),
      () => new Date(),
      () => announced++,
    );
    await recorder.record('vault.unlock', 'failed', { detail: 'WRONG_PASSPHRASE: no vault' });
    expect(announced).toBe(0);
  });

  it('does not go out for reads', async () => {
    expect(await appendedAfter(() => fx.call('certs:list', {}))).toEqual([]);
    expect(await appendedAfter(() => fx.call('audit:list', { limit: 5 }))).toEqual([]);
  });
});
