import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededFixture, type Fixture } from './testing/service-fixture';

let fx: Fixture & { caId: string; serverId: string; clientId: string };
beforeAll(async () => {
  fx = await seededFixture();
});
afterAll(async () => {
  await fx.cleanup();
});

describe('mTLS check through the service', () => {
  it("completes a TLS 1.3 handshake with the seed's certificates and reports the client identity", async () => {
    const r = await fx.call('tls:checkMtls', {
      serverId: fx.serverId,
      clientId: fx.clientId,
      serverName: 'user-service',
    });
    expect(r.ok).toBe(true);
    expect(r.peer?.cn).toBe('billing-service');
    expect(r.protocol).toBe('TLSv1.3');
  });

  it('reports a name mismatch and a client certificate used as server', async () => {
    const mismatch = await fx.call('tls:checkMtls', {
      serverId: fx.serverId,
      clientId: fx.clientId,
      serverName: 'orders.internal',
    });
    expect(mismatch).toMatchObject({ ok: false, reason: 'name-mismatch' });
    const wrongEku = await fx.call('tls:checkMtls', {
      serverId: fx.serverId,
      clientId: fx.serverId,
      serverName: 'user-service',
    });
    expect(wrongEku).toMatchObject({ ok: false, reason: 'missing-client-eku' });
  });

  it('reports a revoked certificate', async () => {
    await fx.call('certs:revoke', { id: fx.clientId, reason: 'keyCompromise' });
    const r = await fx.call('tls:checkMtls', {
      serverId: fx.serverId,
      clientId: fx.clientId,
      serverName: 'user-service',
    });
    expect(r).toMatchObject({ ok: false, reason: 'revoked' });
  });
});
