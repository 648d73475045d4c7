import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededFixture, type Fixture } from './testing/service-fixture';

let fx: Fixture & { caId: string; serverId: string; clientId: string };
beforeAll(async () => {
  fx = await seededFixture();
});
afterAll(async () => {
  await fx.cleanup();
});

describe('concurrent calls', () => {
  it('numbers CRLs uniquely when two are generated at once', async () => {
    const [a, b] = await Promise.all([
      fx.call('crl:generate', { caId: fx.caId }),
      fx.call('crl:generate', { caId: fx.caId }),
    ]);
    expect([a.number, b.number].sort()).toEqual([1, 2]);
  });

  it('lets only one of two simultaneous CAs with the same name through', async () => {
    const results = await Promise.all([
      fx.dispatch('ca:create', { subject: { cn: 'twin-ca' } }),
      fx.dispatch('ca:create', { subject: { cn: 'twin-ca' } }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ ok: false, error: { code: 'DUPLICATE_NAME' } });
  });

  it('revokes once when asked twice at once', async () => {
    const results = await Promise.all([
      fx.dispatch('certs:revoke', { id: fx.clientId, reason: 'keyCompromise' }),
      fx.dispatch('certs:revoke', { id: fx.clientId, reason: 'superseded' }),
    ]);
    expect(results.map((r) => (r.ok ? 'ok' : r.error.code)).sort()).toEqual(['ALREADY_REVOKED', 'ok']);
  });

  it('finishes an issuance in flight before an external lock takes effect', async () => {
    const issuing = fx.dispatch('certs:issue', {
      caId: fx.caId,
      profile: 'server',
      subject: { cn: 'in-flight' },
      sans: [{ type: 'dns', value: 'in-flight' }],
      key: 'rsa-2048',
    });
    const locking = fx.service.lock('os-lock-screen');
    const result = await issuing;
    await locking;
    expect(result.ok).toBe(true);
    expect((await fx.call('vault:status', {})).state).toBe('locked');
  });
});
