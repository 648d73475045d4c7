import { writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import {
  makeFixture,
  opensslVerify,
  PASSPHRASE,
  seededFixture,
  type Fixture,
} from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

describe('service round trip', () => {
  it('reports app info and vault status before any vault exists', async () => {
    const fx = await makeFixture();
    fixtures.push(fx);
    const info = await fx.call('app:info', {});
    expect(info).toMatchObject({
      name: 'CertDesk',
      version: '0.0.0-test',
      platform: process.platform,
      vault: { state: 'none', path: null },
    });
    expect(await fx.call('vault:status', {})).toEqual({ state: 'none', path: null });
  });

  it('keeps CAs and certificates across lock, unlock and a restart, and still signs', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    const before = await fx.call('certs:list', {});
    expect(before.map((c) => c.cn).sort()).toEqual(['billing-service', 'mygrpc-ca', 'user-service']);

    await fx.call('vault:lock', {});
    expect((await fx.fail('certs:list', {})).code).toBe('VAULT_LOCKED');
    expect(fx.events.some((e) => e.event === 'vault:locked')).toBe(true);
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    expect(await fx.call('certs:list', {})).toEqual(before);

    const again = await fx.restart();
    fixtures.push(again);
    expect(await again.call('vault:status', {})).toEqual({ state: 'locked', path: fx.vaultPath });
    await again.call('vault:unlock', { passphrase: PASSPHRASE });
    expect(await again.call('certs:list', {})).toEqual(before);

    // The CA key was unwrapped from the vault after the restart: it still signs, and openssl agrees.
    const issued = await again.call('certs:issue', {
      caId: fx.caId,
      profile: 'service',
      subject: { cn: 'inventory-service' },
      sans: [{ type: 'dns', value: 'inventory-service' }],
    });
    const ca = await again.call('certs:get', { id: fx.caId });
    expect(opensslVerify(fx.dir, ca.view.pem, issued.pem, 'sslserver')).toContain('OK');
    expect(opensslVerify(fx.dir, ca.view.pem, issued.pem, 'sslclient')).toContain('OK');
    const server = await again.call('certs:get', { id: fx.serverId });
    expect(opensslVerify(fx.dir, ca.view.pem, server.view.pem, 'sslserver')).toContain('OK');
    const client = await again.call('certs:get', { id: fx.clientId });
    expect(opensslVerify(fx.dir, ca.view.pem, client.view.pem, 'sslclient')).toContain('OK');
  });

  it('returns a detail with a passing chain, the SANs and the lineage of one', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    const d = await fx.call('certs:get', { id: fx.serverId });
    expect(d.summary.issuerId).toBe(fx.caId);
    expect(d.summary.sans).toEqual([
      { type: 'dns', value: 'user-service' },
      { type: 'dns', value: 'user-service.internal' },
      { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '127.0.0.1' },
    ]);
    expect(d.chain.length).toBe(2);
    expect(d.chain.every((l) => l.ok)).toBe(true);
    expect(d.chain[1]?.id).toBe(fx.caId);
    expect(d.lineage).toEqual([fx.serverId]);
    expect(d.view.pem).toContain('BEGIN CERTIFICATE');
  });

  it('creates an intermediate under the root and issues from it with a verifiable chain', async () => {
    const fx = await seededFixture();
    fixtures.push(fx);
    const inter = await fx.call('ca:create', {
      subject: { cn: 'mygrpc-issuing' },
      parentId: fx.caId,
      pathLen: 0,
    });
    expect(inter.summary).toMatchObject({
      kind: 'ca',
      profile: 'intermediate',
      issuerId: fx.caId,
      pathLen: 0,
    });
    const leaf = await fx.call('certs:issue', {
      caId: inter.summary.id,
      profile: 'server',
      subject: { cn: 'orders' },
      sans: [{ type: 'dns', value: 'orders.internal' }],
    });
    const root = await fx.call('certs:get', { id: fx.caId });
    expect(
      opensslVerify(fx.dir, root.view.pem, leaf.pem, 'sslserver', [
        '-untrusted',
        writeTemp(fx.dir, inter.pem),
      ]),
    ).toContain('OK');
    const d = await fx.call('certs:get', { id: leaf.summary.id });
    expect(d.chain.map((l) => l.ok)).toEqual([true, true, true]);
  });
});

function writeTemp(dir: string, text: string): string {
  const p = `${dir}/tmp-${Math.random().toString(16).slice(2)}.pem`;
  writeFileSync(p, text);
  return p;
}
