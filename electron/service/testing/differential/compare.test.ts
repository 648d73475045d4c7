import { describe, expect, it } from 'vitest';
import { divergencesOf, type LeafVerdicts } from './compare';
import { EXPECTED_DIVERGENCES } from './expected-divergences';

function verdicts(over: Partial<LeafVerdicts>): LeafVerdicts {
  return {
    hierarchy: 3,
    leaf: {
      id: 'abc',
      cn: 'api.corp.example',
      pem: '',
      window: { notBefore: 0, notAfter: 1 },
      tags: [],
      caId: 'ca',
      rootId: 'root',
      profile: 'server',
      purpose: 'server',
      sans: [{ type: 'dns', value: 'api.corp.example' }],
    },
    tags: [],
    certdesk: { ok: true, failed: [], messages: [] },
    status: 'valid',
    certdeskAsGo: { ok: true, failed: [], messages: [] },
    openssl: { ok: true, errors: [] },
    go: { id: 'abc', ok: true },
    ...over,
  };
}

const rejected = (failed: LeafVerdicts['certdesk']['failed']): LeafVerdicts['certdesk'] => ({
  ok: false,
  failed,
  messages: failed.map((f) => `CN=x: ${f} failed`),
});

describe('differential comparison', () => {
  it('finds no divergence when all three peers agree', () => {
    expect(divergencesOf(verdicts({}))).toEqual([]);
  });

  it('reports openssl rejecting what CertDesk accepts, keyed by the openssl rule, and it is not tolerated', () => {
    const found = divergencesOf(
      verdicts({ openssl: { ok: false, errors: ['path length constraint exceeded'] } }),
    );
    expect(found.map((d) => d.key)).toEqual([
      'openssl rejects, CertDesk accepts: path-len',
      'openssl rejects, CertDesk lists the leaf as valid',
    ]);
    const tolerated = new Set(EXPECTED_DIVERGENCES.map((e) => e.key));
    expect(found.filter((d) => !tolerated.has(d.key))).toHaveLength(2);
  });

  it('reports a leaf listed as valid whose chain openssl and CertDesk both reject', () => {
    const found = divergencesOf(
      verdicts({
        certdesk: rejected(['revocation']),
        openssl: { ok: false, errors: ['certificate revoked'] },
      }),
    );
    expect(found.map((d) => d.key)).toEqual(['openssl rejects, CertDesk lists the leaf as valid']);
  });

  it('compares Go only on the checks Go performs', () => {
    const revokedOnly = verdicts({
      certdesk: rejected(['revocation']),
      status: 'revoked',
      openssl: { ok: false, errors: ['certificate revoked'] },
    });
    expect(divergencesOf(revokedOnly)).toEqual([]);
    const goRejects = divergencesOf(
      verdicts({ go: { id: 'abc', ok: false, kind: 'name-constraints', error: 'x509: not permitted' } }),
    );
    expect(goRejects.map((d) => [d.peer, d.key])).toEqual([
      ['go', 'Go rejects, CertDesk accepts: name-constraints'],
    ]);
  });
});
