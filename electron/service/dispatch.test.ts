import { describe, expect, it } from 'vitest';
import { createDispatcher } from './dispatch';
import { createCertDeskService } from './index';
import { CHANNELS } from '../../shared/ipc/channels';
import { AppError } from '../../shared/ipc/error-codes';
import { MAX_PAYLOAD_BYTES, type Handlers } from '../../shared/ipc/contract';

function makeDispatch(overrides: Partial<Handlers> = {}) {
  const service = createCertDeskService({
    now: () => new Date('2026-11-24T12:00:00Z'),
    appVersion: '9.8.7',
    platform: 'linux',
  });
  const handlers: Handlers = {
    ...service.handlers,
    ...overrides,
  };
  return createDispatcher(handlers);
}

describe('IPC dispatcher', () => {
  it('answers app:info with the name, version, platform and vault state', async () => {
    const dispatch = makeDispatch();
    const result = await dispatch('app:info', {});
    expect(result).toEqual({
      ok: true,
      value: expect.objectContaining({
        name: 'CertDesk',
        version: '9.8.7',
        platform: 'linux',
        vault: expect.objectContaining({ state: 'none' }),
      }),
    });
  });

  it('rejects a channel that is not in the contract with UNKNOWN_CHANNEL', async () => {
    const dispatch = makeDispatch();
    for (const bogus of ['app:shutdown', '', 42, null, { channel: 'app:info' }, '__proto__', 'constructor']) {
      const result = await dispatch(bogus, {});
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.code).toBe('UNKNOWN_CHANNEL');
    }
  });

  it('rejects malformed input with INVALID_INPUT naming the field', async () => {
    const dispatch = makeDispatch();
    const extraKey = await dispatch('app:info', { unexpected: true });
    expect(extraKey).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const wrongType = await dispatch('vault:unlock', { passphrase: 12345 });
    expect(wrongType).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    if (!wrongType.ok) expect(wrongType.error.message).toContain('passphrase');

    const notAnObject = await dispatch('certs:get', ['id']);
    expect(notAnObject).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });

    const polluted = await dispatch('certs:get', JSON.parse('{"id":"x","__proto__":{"admin":true}}'));
    expect(polluted).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    expect(({} as Record<string, unknown>).admin).toBeUndefined();
  });

  it('refuses an oversize payload before parsing it', async () => {
    const dispatch = makeDispatch();
    const result = await dispatch('inspect:text', { text: 'A'.repeat(MAX_PAYLOAD_BYTES + 10) });
    expect(result).toMatchObject({ ok: false, error: { code: 'PAYLOAD_TOO_LARGE' } });
  });

  it('turns an AppError into its code and any other exception into INTERNAL without crashing', async () => {
    const dispatch = makeDispatch({
      'certs:get': async () => {
        throw new AppError('NOT_FOUND', 'No certificate with id abc');
      },
      'ca:list': async () => {
        throw new TypeError('boom');
      },
    });
    expect(await dispatch('certs:get', { id: 'abc' })).toEqual({
      ok: false,
      error: { code: 'NOT_FOUND', message: 'No certificate with id abc' },
    });
    expect(await dispatch('ca:list', {})).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
  });

  it('has a handler for every channel in the list', async () => {
    const service = createCertDeskService({ now: () => new Date(), appVersion: '1', platform: 'linux' });
    for (const channel of CHANNELS.filter((c) => !c.startsWith('dialog:'))) {
      expect(typeof (service.handlers as Record<string, unknown>)[channel], channel).toBe('function');
    }
  });
});
