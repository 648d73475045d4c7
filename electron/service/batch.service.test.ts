import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { BatchProgress } from '../../shared/domain/types';
import { makeFixture, opensslVerify, PASSPHRASE, type Fixture } from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

async function withCa(fx: Fixture): Promise<string> {
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  const ca = await fx.call('ca:create', { subject: { cn: 'batch-ca' }, validity: { days: 3650 } });
  return ca.summary.id;
}

const MIXED = [
  'name,profile,sans,key,days',
  'user-service,server,"DNS:user-service,IP:127.0.0.1",ec-p256,90',
  'billing-client,client,,ec-p256,30',
  'bad-profile,router,DNS:x,ec-p256,30',
  'bad-san,server,DNS:exa mple.com,ec-p256,30',
  'too-long,service,DNS:too-long,ec-p256,36500',
  'rsa-service,service,"DNS:rsa-service,URI:spiffe://example.org/rsa",rsa-2048,',
].join('\n');

describe('batch:readManifest', () => {
  it("answers the text of the manifest file the operator chose in main's dialog, once per choice", async () => {
    const fx = await makeFixture();
    fixtures.push(fx);
    const file = path.join(fx.dir, 'hosts.csv');
    writeFileSync(file, MIXED);
    const grant = fx.grant(file, 'read-file');
    expect(await fx.call('batch:readManifest', { fileGrant: grant })).toEqual({ manifest: MIXED });
    expect(await fx.dispatch('batch:readManifest', { fileGrant: grant })).toMatchObject({
      ok: false,
      error: { code: 'GRANT_INVALID' },
    });
  });

  it('refuses a raw path, a grant for another purpose and a file that is not UTF-8 text', async () => {
    const fx = await makeFixture();
    fixtures.push(fx);
    const file = path.join(fx.dir, 'hosts.csv');
    writeFileSync(file, MIXED);
    expect(await fx.dispatch('batch:readManifest', { path: file })).toMatchObject({ ok: false });
    expect(await fx.dispatch('batch:readManifest', { fileGrant: file })).toMatchObject({
      ok: false,
      error: { code: 'GRANT_INVALID' },
    });
    expect(
      await fx.dispatch('batch:readManifest', { fileGrant: fx.grant(file, 'open-vault') }),
    ).toMatchObject({ ok: false, error: { code: 'GRANT_INVALID' } });
    const binary = path.join(fx.dir, 'key.der');
    writeFileSync(binary, Buffer.from([0x30, 0x82, 0xff, 0xfe, 0x00]));
    expect(
      await fx.dispatch('batch:readManifest', { fileGrant: fx.grant(binary, 'read-file') }),
    ).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT', message: /not UTF-8/ } });
  });
});

describe('batch:issue', () => {
  it('runs alone among the writers: a revocation sent during a batch waits until the batch is done', async () => {
    const fx = await makeFixture();
    fixtures.push(fx);
    const caId = await withCa(fx);
    const leaf = await fx.call('certs:issue', {
      caId,
      profile: 'client',
      subject: { cn: 'early' },
      sans: [],
    });
    const finished: string[] = [];
    await Promise.all([
      fx.call('batch:issue', { caId, manifest: MIXED, batchId: 'alone' }).then(() => finished.push('batch')),
      fx.call('certs:revoke', { id: leaf.summary.id }).then(() => finished.push('revoke')),
    ]);
    expect(finished).toEqual(['batch', 'revoke']);
  });

  it('issues the valid rows and reports every other row with its reason, without aborting', async () => {
    const fx = await makeFixture();
    fixtures.push(fx);
    const caId = await withCa(fx);
    const result = await fx.call('batch:issue', { caId, manifest: MIXED, batchId: 'b1' });

    expect(result.rows.map((r) => [r.name, r.status])).toEqual([
      ['user-service', 'issued'],
      ['billing-client', 'issued'],
      ['bad-profile', 'invalid'],
      ['bad-san', 'invalid'],
      ['too-long', 'failed'],
      ['rsa-service', 'issued'],
    ]);
    expect(result).toMatchObject({ batchId: 'b1', caId, issued: 3, failed: 3, cancelled: false });
    expect(result.rows[2]?.errors.join(' ')).toContain('router');
    expect(result.rows[4]?.errors.join(' ')).toContain('VALIDITY_EXCEEDS_ISSUER');

    const ca = await fx.call('certs:get', { id: caId });
    const server = await fx.call('certs:get', { id: result.rows[0]?.id ?? '' });
    expect(server.summary).toMatchObject({
      cn: 'user-service',
      profile: 'server',
      issuerId: caId,
      hasKey: true,
      serial: result.rows[0]?.serial,
    });
    expect(opensslVerify(fx.dir, ca.view.pem, server.view.pem, 'sslserver')).toContain('OK');
    const client = await fx.call('certs:get', { id: result.rows[1]?.id ?? '' });
    expect(opensslVerify(fx.dir, ca.view.pem, client.view.pem, 'sslclient')).toContain('OK');
    const rsa = await fx.call('certs:get', { id: result.rows[5]?.id ?? '' });
    expect(rsa.summary.keyAlgorithm).toBe('RSA 2048');
    expect(opensslVerify(fx.dir, ca.view.pem, rsa.view.pem, 'sslserver')).toContain('OK');

    const progress = fx.events
      .filter((e) => e.event === 'batch:progress')
      .map((e) => e.payload as BatchProgress);
    expect(progress.at(-1)).toEqual({ batchId: 'b1', done: 4, total: 4 });
    expect(fx.events.some((e) => e.event === 'certs:changed')).toBe(true);
    const audit = await fx.call('audit:list', { operation: 'batch.issue' });
    expect(audit.map((a) => a.detail).join('\n')).toContain(`user-service#${result.rows[0]?.serial}`);
    expect(audit.at(-1)?.detail).toContain('3 issued, 3 failed');

    // "then export all as per-service folders"
    const out = path.join(fx.dir, 'export');
    mkdirSync(out);
    const ids = result.rows.flatMap((r) => (r.id ? [r.id] : []));
    const exported = await fx.call('export:bundle', {
      ids,
      folderGrant: fx.grant(out),
      keyPassphrase: 'export passphrase 123',
    });
    expect(exported.bundles.map((b) => b.cn).sort()).toEqual([
      'billing-client',
      'rsa-service',
      'user-service',
    ]);
    for (const b of exported.bundles) expect(existsSync(b.dir)).toBe(true);
  });

  it('refuses a manifest that cannot be read as a whole, naming the problem', async () => {
    const fx = await makeFixture();
    fixtures.push(fx);
    const caId = await withCa(fx);
    const err = await fx.fail('batch:issue', { caId, manifest: 'cn,profile\nx,server', batchId: 'b2' });
    expect(err.code).toBe('INVALID_INPUT');
    expect(err.message).toContain('name,profile,sans,key,days');
  });

  it('stops at the next chunk when cancelled and marks the rest cancelled', async () => {
    let fx: Fixture | null = null;
    let cancelAsked = false;
    fx = await makeFixture({
      extra: {
        emit: (event, payload) => {
          fx?.events.push({ event, payload });
          const p = payload as BatchProgress | undefined;
          if (event === 'batch:progress' && p && p.done > 0 && !cancelAsked) {
            cancelAsked = true;
            void fx?.call('batch:cancel', { batchId: 'b3' });
          }
        },
      },
    });
    fixtures.push(fx);
    const caId = await withCa(fx);
    const rows = Array.from({ length: 400 }, (_, i) => `host-${i},server,DNS:host-${i}.example,ec-p256,30`);
    const result = await fx.call('batch:issue', {
      caId,
      manifest: ['name,profile,sans,key,days', ...rows].join('\n'),
      batchId: 'b3',
    });
    expect(result.cancelled).toBe(true);
    expect(result.issued).toBeGreaterThan(0);
    expect(result.issued).toBeLessThan(400);
    const cancelled = result.rows.filter((r) => r.status === 'cancelled');
    expect(cancelled.length).toBe(400 - result.issued);
    expect(cancelled.every((r) => r.id === undefined)).toBe(true);
    expect((await fx.call('certs:list', { kind: 'leaf' })).length).toBe(result.issued);
    expect(await fx.call('batch:cancel', { batchId: 'b3' })).toEqual({ cancelled: false });
  });

  it('keeps batch certificates and their keys across a restart and unlock', async () => {
    const fx = await makeFixture();
    fixtures.push(fx);
    const caId = await withCa(fx);
    const rows = Array.from({ length: 120 }, (_, i) => ({
      name: `svc-${i}`,
      profile: 'service',
      sans: [`DNS:svc-${i}`],
      key: 'ec-p256',
      days: 60,
    }));
    const result = await fx.call('batch:issue', { caId, manifest: JSON.stringify(rows), batchId: 'b4' });
    expect(result.issued).toBe(120);
    const again = await fx.restart();
    fixtures.push(again);
    await again.call('vault:unlock', { passphrase: PASSPHRASE });
    const leaves = await again.call('certs:list', { kind: 'leaf' });
    expect(leaves.map((l) => l.cn).sort()).toEqual(rows.map((r) => r.name).sort());
    expect(leaves.every((l) => l.hasKey && l.issuerId === caId)).toBe(true);
    // the wrapped keys unwrap after the restart: an unencrypted-key export needs them
    const out = path.join(fx.dir, 'after-restart');
    mkdirSync(out);
    const exported = await again.call('export:bundle', {
      ids: [leaves[0]?.id ?? ''],
      folderGrant: again.grant(out),
      keyPassphrase: 'export passphrase 123',
    });
    expect(exported.bundles).toHaveLength(1);
    const serials = new Set(leaves.map((l) => l.serial));
    expect(serials.size).toBe(120);
  });
});
