import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KeyAlgorithm } from '../../shared/domain/types';
import { makeFixture, opensslVerify, PASSPHRASE, type Fixture } from './testing/service-fixture';

let fx: Fixture;
beforeAll(async () => {
  fx = await makeFixture();
  await fx.call('vault:create', { passphrase: PASSPHRASE });
});
afterAll(async () => {
  await fx.cleanup();
});

// RSA-3072/4096 take seconds to generate and exercise the same code path as RSA-2048.
const ALGS: KeyAlgorithm[] = ['ec-p256', 'ec-p384', 'rsa-2048', 'ed25519'];

describe('CA key algorithms', () => {
  it.each(ALGS)(
    'a %s CA signs again after lock and unlock (its key unwrapped from the vault)',
    async (alg) => {
      const ca = await fx.call('ca:create', { subject: { cn: `ca-${alg}` }, key: alg });
      await fx.call('vault:lock', {});
      await fx.call('vault:unlock', { passphrase: PASSPHRASE });
      const leaf = await fx.call('certs:issue', {
        caId: ca.summary.id,
        profile: 'server',
        subject: { cn: `leaf-${alg}` },
        sans: [{ type: 'dns', value: `leaf-${alg}.internal` }],
        key: alg,
      });
      expect(opensslVerify(fx.dir, ca.pem, leaf.pem, 'sslserver')).toContain('OK');
      const d = await fx.call('certs:get', { id: leaf.summary.id });
      expect(d.chain.every((l) => l.ok)).toBe(true);
    },
  );
});
