import { describe, expect, it } from 'vitest';
import type { CertSummary } from '../../../../shared/domain/types';
import { defaultServerName, handshakeCandidates } from './handshake-form';

const cert = (over: Partial<CertSummary>): CertSummary => ({
  id: over.cn ?? 'x',
  kind: 'leaf',
  profile: 'server',
  cn: 'x',
  subject: '',
  issuer: '',
  issuerId: 'ca',
  serial: '1',
  sans: [],
  notBefore: '',
  notAfter: '',
  sha256: '',
  keyAlgorithm: '',
  hasKey: true,
  createdAt: '',
  ...over,
});

describe('handshake check choices', () => {
  it('defaults the server name to the first DNS SAN, then the first IP SAN, then the CN', () => {
    expect(
      defaultServerName(
        cert({
          cn: 'user-service',
          sans: [
            { type: 'ip', value: '127.0.0.1' },
            { type: 'dns', value: 'user-service' },
          ],
        }),
      ),
    ).toBe('user-service');
    expect(defaultServerName(cert({ cn: 'svc', sans: [{ type: 'ip', value: '127.0.0.1' }] }))).toBe(
      '127.0.0.1',
    );
    expect(defaultServerName(cert({ cn: 'svc' }))).toBe('svc');
    expect(defaultServerName(undefined)).toBe('');
  });

  it("offers only leaves with keys that are not revoked, the role's profiles first", () => {
    const list = [
      cert({ cn: 'billing-service', profile: 'client' }),
      cert({ cn: 'user-service', profile: 'server' }),
      cert({ cn: 'no-key', hasKey: false }),
      cert({ cn: 'gone', revoked: { at: '', reason: 'superseded' } }),
      cert({ cn: 'ca', kind: 'ca', profile: 'root' }),
    ];
    expect(handshakeCandidates(list, 'server').map((c) => c.cn)).toEqual(['user-service', 'billing-service']);
    expect(handshakeCandidates(list, 'client').map((c) => c.cn)).toEqual(['billing-service', 'user-service']);
  });
});
