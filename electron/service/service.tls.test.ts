import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { VaultImpl } from '../core/vault/vault-impl';
import { AppError } from '../../shared/ipc/error-codes';
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

  it("zeroes the server's unwrapped key when the client's key cannot be unwrapped", async () => {
    // the first unwrap hands out bytes the test can watch; the second fails as a missing key record does
    const serverKey = new Uint8Array(48).fill(0xa5);
    const unwrap = vi
      .spyOn(VaultImpl.prototype, 'DANGEROUS_unwrapKeyBytes')
      .mockResolvedValueOnce(serverKey)
      .mockRejectedValueOnce(new AppError('NOT_FOUND', 'No private key for the client in the vault.'));
    try {
      const err = await fx.fail('tls:checkMtls', {
        serverId: fx.serverId,
        clientId: fx.clientId,
        serverName: 'user-service',
      });
      expect(err.code).toBe('NOT_FOUND');
      expect(unwrap).toHaveBeenCalledTimes(2);
    } finally {
      unwrap.mockRestore();
    }
    expect(serverKey.every((b) => b === 0)).toBe(true);
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

  it('trusts per side as deployed: a client from another root in the same vault fails with unknown-ca', async () => {
    const other = await fx.call('ca:create', { subject: { cn: 'partner-root' } });
    const foreign = await fx.call('certs:issue', {
      caId: other.summary.id,
      profile: 'client',
      subject: { cn: 'partner-client' },
      sans: [],
    });
    const r = await fx.call('tls:checkMtls', {
      serverId: fx.serverId,
      clientId: foreign.summary.id,
      serverName: 'user-service',
    });
    expect(r).toMatchObject({ ok: false, reason: 'unknown-ca' });
    // the operator may give each side another trust bundle: a server that accepts both roots, a client
    // that trusts the server's root
    const widened = await fx.call('tls:checkMtls', {
      serverId: fx.serverId,
      clientId: foreign.summary.id,
      serverName: 'user-service',
      serverTrustIds: [fx.caId, other.summary.id],
      clientTrustIds: [fx.caId],
    });
    expect(widened).toMatchObject({ ok: true, peer: { cn: 'partner-client' } });
  });

  it('reports a client whose issuing CA is revoked, even without a published CRL', async () => {
    const inter = await fx.call('ca:create', { subject: { cn: 'clients-ca' }, parentId: fx.caId });
    const c = await fx.call('certs:issue', {
      caId: inter.summary.id,
      profile: 'client',
      subject: { cn: 'under-revoked' },
      sans: [],
    });
    await fx.call('certs:revoke', { id: inter.summary.id, reason: 'cACompromise' });
    const r = await fx.call('tls:checkMtls', {
      serverId: fx.serverId,
      clientId: c.summary.id,
      serverName: 'user-service',
    });
    expect(r).toMatchObject({ ok: false, reason: 'revoked', message: expect.stringContaining('clients-ca') });
  });
});
