import { expect, test } from '@playwright/test';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { CertDeskApi } from '../../shared/ipc/contract';
import { electronBinary } from './electron-binary';
import { launchElectron } from './launch';

const binary = electronBinary();
type Bridge = { certdesk: CertDeskApi };

test.describe('real Electron: the seed gRPC mTLS scenario through window.certdesk', () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  test('creates a vault in userData, the mygrpc-ca CA, the user-service server and the billing-service client', async () => {
    if (!('path' in binary)) return;
    const launched = await launchElectron(binary.path);
    try {
      const { page, userData } = launched;
      const outcome = await page.evaluate(async () => {
        const api = (window as unknown as Bridge).certdesk;
        const must = <T>(
          r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } },
        ): T => {
          if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
          return r.value;
        };
        const vault = must(await api.vault.create({ passphrase: 'correct horse battery staple 42' }));
        const ca = must(
          await api.ca.create({ subject: { cn: 'mygrpc-ca' }, key: 'ec-p256', validity: { days: 3650 } }),
        );
        const server = must(
          await api.certs.issue({
            caId: ca.summary.id,
            profile: 'server',
            subject: { cn: 'user-service' },
            sans: [
              { type: 'dns', value: 'user-service' },
              { type: 'dns', value: 'user-service.internal' },
              { type: 'dns', value: 'localhost' },
              { type: 'ip', value: '127.0.0.1' },
            ],
          }),
        );
        const client = must(
          await api.certs.issue({
            caId: ca.summary.id,
            profile: 'client',
            subject: { cn: 'billing-service' },
            sans: [{ type: 'dns', value: 'billing-service' }],
          }),
        );
        const leaves = must(await api.certs.list({ kind: 'leaf' }));
        return {
          vault,
          ca: ca.summary,
          server: server.summary,
          client: client.summary,
          leaves: leaves.map((l) => l.cn).sort(),
          pemHasNoKey: !/PRIVATE KEY/.test(server.pem + client.pem + ca.pem),
        };
      });
      expect(outcome.vault.state).toBe('unlocked');
      expect(outcome.vault.path).toBe(path.join(userData, 'vault.certdesk'));
      expect(existsSync(path.join(userData, 'vault.certdesk'))).toBe(true);
      expect(outcome.ca).toMatchObject({ kind: 'ca', cn: 'mygrpc-ca' });
      expect(outcome.server).toMatchObject({ kind: 'leaf', cn: 'user-service', issuerId: outcome.ca.id });
      expect(outcome.server.sans).toEqual([
        { type: 'dns', value: 'user-service' },
        { type: 'dns', value: 'user-service.internal' },
        { type: 'dns', value: 'localhost' },
        { type: 'ip', value: '127.0.0.1' },
      ]);
      expect(outcome.client).toMatchObject({ kind: 'leaf', cn: 'billing-service', issuerId: outcome.ca.id });
      expect(outcome.leaves).toEqual(['billing-service', 'user-service']);
      expect(outcome.pemHasNoKey).toBe(true);
    } finally {
      await launched.close();
    }
  });
});
