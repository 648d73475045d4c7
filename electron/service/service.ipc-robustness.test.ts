import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../shared/ipc/channels';
import { contract } from '../../shared/ipc/contract';
import { ERROR_CODES } from '../../shared/ipc/error-codes';
import { seededFixture, type Fixture } from './testing/service-fixture';

/** Deterministic PRNG (mulberry32) so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KEYS = [
  'id',
  'caId',
  'path',
  'passphrase',
  'subject',
  'sans',
  'ids',
  'dir',
  'profile',
  'validity',
  'text',
  'pem',
  'cn',
  '__proto__',
  'constructor',
  'prototype',
  'x',
];

function randomValue(r: () => number, depth: number): unknown {
  const pick = Math.floor(r() * (depth > 2 ? 7 : 10));
  switch (pick) {
    case 0:
      return null;
    case 1:
      return r() < 0.5;
    case 2:
      return [0, -1, 1e308, Number.MAX_SAFE_INTEGER + 2, 3.5, -0][Math.floor(r() * 6)];
    case 3:
      return ['', 'a', '../../etc/passwd', '/dev/zero', '\u0000', '-----BEGIN CERTIFICATE-----', 'DNS:x'][
        Math.floor(r() * 7)
      ];
    case 4:
      return 'z'.repeat(Math.floor(r() * 5000));
    case 5:
      return undefined;
    case 6:
      return 'server';
    case 7:
    case 8: {
      const o: Record<string, unknown> = {};
      const n = Math.floor(r() * 4);
      for (let i = 0; i < n; i++) o[KEYS[Math.floor(r() * KEYS.length)] ?? 'x'] = randomValue(r, depth + 1);
      return o;
    }
    default:
      return Array.from({ length: Math.floor(r() * 4) }, () => randomValue(r, depth + 1));
  }
}

/** Hand-picked hostile payloads every channel must survive. */
function hostilePayloads(): unknown[] {
  return [
    42,
    'string',
    true,
    [],
    [{}],
    [{ id: 'x' }],
    JSON.parse('{"__proto__":{"polluted":true}}'),
    JSON.parse('{"constructor":{"prototype":{"polluted":true}}}'),
    { id: { toString: 'boom' } },
    { id: 12 },
    { ids: 'not-an-array' },
    { subject: [] },
    { subject: { cn: 5 } },
    { caId: null, profile: 'server', subject: { cn: 'x' }, sans: 'DNS:x' },
    { passphrase: ['a'] },
    { path: '' },
    { huge: 'a'.repeat(5 * 1024 * 1024) },
    { text: 'a'.repeat(2_000_001) },
    { sans: Array.from({ length: 1001 }, () => ({ type: 'dns', value: 'a' })) },
  ];
}

let fx: Fixture & { caId: string; serverId: string; clientId: string };
const serviceChannels = CHANNELS.filter(
  (c): c is Exclude<Channel, 'dialog:openFile' | 'dialog:chooseFolder'> => !c.startsWith('dialog:'),
);

async function snapshot(): Promise<string> {
  const [certs, audit, settings, status] = await Promise.all([
    fx.call('certs:list', {}),
    fx.call('audit:list', {}),
    fx.call('settings:get', {}),
    fx.call('vault:status', {}),
  ]);
  return JSON.stringify({ certs, audit, settings, status });
}

beforeAll(async () => {
  fx = await seededFixture();
});
afterAll(async () => {
  await fx.cleanup();
});

describe('IPC robustness', () => {
  it('answers malformed input on every channel with a typed error and changes nothing', async () => {
    const before = await snapshot();
    const r = rng(20261124);
    let calls = 0;
    for (const channel of serviceChannels) {
      const schema = contract[channel].input;
      const payloads = [...hostilePayloads(), ...Array.from({ length: 60 }, () => randomValue(r, 0))];
      for (const payload of payloads) {
        // Only inputs the schema refuses: a valid vault:lock would (rightly) lock the vault.
        if (schema.safeParse(payload ?? {}).success) continue;
        const result = await fx.dispatch(channel, payload);
        calls++;
        expect(result.ok, `${channel} accepted ${JSON.stringify(payload)?.slice(0, 120)}`).toBe(false);
        if (!result.ok) {
          expect(['INVALID_INPUT', 'PAYLOAD_TOO_LARGE']).toContain(result.error.code);
          expect(result.error.message.length).toBeLessThan(2000);
        }
      }
    }
    expect(calls).toBeGreaterThan(serviceChannels.length * 10);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await snapshot()).toBe(before);
  });

  it('refuses unknown channels and non-string channel names', async () => {
    for (const ch of ['nope', 'certs:delete', '__proto__', 'constructor', 42, null, { c: 1 }]) {
      const result = await fx.dispatch(ch, {});
      expect(result).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
  });

  it('answers well-formed but bogus requests with typed codes, never INTERNAL, and changes nothing', async () => {
    const before = await snapshot();
    const bogusId = { id: '__proto__' };
    const cases: [Channel, unknown][] = [
      ['certs:get', bogusId],
      ['certs:get', { id: 'constructor' }],
      ['certs:renew', { id: 'ffffffffffffffff' }],
      ['certs:revoke', { id: 'hasOwnProperty' }],
      [
        'certs:issue',
        { caId: 'toString', profile: 'server', subject: { cn: 'x' }, sans: [{ type: 'dns', value: 'x' }] },
      ],
      [
        'certs:issue',
        { caId: fx.serverId, profile: 'server', subject: { cn: 'x' }, sans: [{ type: 'dns', value: 'x' }] },
      ],
      [
        'certs:issue',
        { caId: fx.caId, profile: 'server', subject: { cn: '' }, sans: [{ type: 'dns', value: 'x' }] },
      ],
      [
        'certs:issue',
        {
          caId: fx.caId,
          profile: 'server',
          subject: { cn: 'x' },
          sans: [{ type: 'ip', value: '999.1.1.1' }],
        },
      ],
      [
        'certs:issue',
        { caId: fx.caId, profile: 'client', subject: { cn: 'x' }, sans: [], validity: { days: 1, hours: 2 } },
      ],
      [
        'certs:preview',
        {
          caId: fx.caId,
          profile: 'server',
          subject: { cn: 'x' },
          sans: [{ type: 'uri', value: 'relative/path' }],
        },
      ],
      ['certs:signCsr', { caId: fx.caId, csrPem: 'garbage', profile: 'server' }],
      ['csr:parse', { pem: '-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----' }],
      ['crl:generate', { caId: fx.serverId }],
      ['crl:latest', { caId: 'nope' }],
      ['inspect:text', { text: 'not pem at all' }],
      ['inspect:text', { text: '-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----' }],
      ['inspect:file', { path: '/dev/zero' }],
      ['inspect:file', { path: '/nonexistent/file.pem' }],
      ['inspect:file', { path: '/tmp' }],
      ['ca:import', { certPath: '/nonexistent.pem', keyPath: '/nonexistent.key' }],
      ['ca:import', {}],
      ['ca:importTrustAnchor', { certPem: 'x' }],
      ['export:bundle', { ids: [fx.caId], dir: '/nonexistent', keyPassphrase: 'x' }],
      ['export:bundle', { ids: ['missing'], dir: '/tmp', keyPassphrase: 'x' }],
      ['vault:open', { path: '/nonexistent/vault' }],
      ['vault:backup', { path: '/nonexistent/dir/backup' }],
      ['vault:restore', { from: '/nonexistent/backup', passphrase: 'x' }],
      ['vault:changePassphrase', { current: 'wrong one entirely', next: 'another long passphrase' }],
      ['settings:set', { thresholds: { critical: 50, warning: 10, notice: 5 } }],
      ['tls:checkMtls', { serverId: 'missing', clientId: 'missing', serverName: 'x' }],
    ];
    for (const [channel, payload] of cases) {
      const result = await fx.dispatch(channel, payload);
      expect(result.ok, `${channel} ${JSON.stringify(payload)}`).toBe(false);
      if (!result.ok) {
        expect(ERROR_CODES).toContain(result.error.code);
        expect(result.error.code, `${channel}: ${result.error.message}`).not.toBe('INTERNAL');
      }
      // vault:restore and vault:open lock the current vault first by design: unlock again for the next case.
      if ((await fx.call('vault:status', {})).state !== 'unlocked') {
        await fx.call('vault:open', { fileGrant: fx.grant(fx.vaultPath, 'open-vault') });
        await fx.call('vault:unlock', { passphrase: 'correct horse battery staple' });
      }
    }
    const after = JSON.parse(await snapshot()) as { audit: { outcome: string }[] };
    const prev = JSON.parse(before) as { certs: unknown; settings: unknown; audit: unknown[] };
    expect((after as unknown as typeof prev).certs).toEqual(prev.certs);
    expect((after as unknown as typeof prev).settings).toEqual(prev.settings);
    // Refused attempts may be audited as failures, but nothing succeeded.
    expect(after.audit.slice(prev.audit.length).every((a) => a.outcome === 'failed')).toBe(true);
  });
});
