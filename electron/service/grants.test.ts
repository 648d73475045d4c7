import { describe, expect, it } from 'vitest';
import { AppError } from '../../shared/ipc/error-codes';
import { createDispatcher } from './dispatch';
import { GRANT_LIFETIME_MS, GrantStore, MAX_OUTSTANDING_GRANTS } from './grants';
import { createCertDeskService, type DialogsPort } from './index';

function codeOf(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    return e instanceof AppError ? e.code : 'not an AppError';
  }
  return 'no error';
}

describe('path grants', () => {
  it('hands out an opaque id that yields the path exactly once', () => {
    const grants = new GrantStore();
    const id = grants.issue('/media/usb', 'write-folder');
    expect(id).not.toContain('usb');
    expect(grants.take(id, 'write-folder', 'export folder')).toBe('/media/usb');
    expect(codeOf(() => grants.take(id, 'write-folder', 'export folder'))).toBe('GRANT_INVALID');
  });

  it('refuses an id it never issued', () => {
    const grants = new GrantStore();
    grants.issue('/media/usb', 'write-folder');
    expect(codeOf(() => grants.take('/media/usb', 'write-folder', 'export folder'))).toBe('GRANT_INVALID');
    expect(codeOf(() => grants.take('AAAAAAAAAAAAAAAAAAAAAA', 'write-folder', 'x'))).toBe('GRANT_INVALID');
  });

  it('refuses a grant used for another purpose, and burns it so it cannot be retried', () => {
    const grants = new GrantStore();
    const id = grants.issue('/home/op/cert.pem', 'read-file');
    expect(codeOf(() => grants.take(id, 'write-folder', 'export folder'))).toBe('GRANT_INVALID');
    expect(codeOf(() => grants.take(id, 'read-file', 'file'))).toBe('GRANT_INVALID');
  });

  it('expires a grant that was not used in time', () => {
    let now = 0;
    const grants = new GrantStore(() => now);
    const id = grants.issue('/media/usb', 'write-folder');
    now = GRANT_LIFETIME_MS + 1;
    expect(codeOf(() => grants.take(id, 'write-folder', 'export folder'))).toBe('GRANT_INVALID');
  });

  it('keeps only the newest grants when a renderer keeps asking', () => {
    const grants = new GrantStore();
    const first = grants.issue('/a', 'read-file');
    for (let i = 0; i < MAX_OUTSTANDING_GRANTS; i++) grants.issue(`/b${i}`, 'read-file');
    expect(codeOf(() => grants.take(first, 'read-file', 'file'))).toBe('GRANT_INVALID');
  });
});

describe('dialog channels', () => {
  const answering = (path: string | null): DialogsPort => ({
    chooseFile: () => Promise.resolve(path),
    chooseFolder: () => Promise.resolve(path),
    confirm: () => Promise.resolve(false),
  });

  it('answer a choice with a grant, never a path the renderer could send back instead', async () => {
    const service = createCertDeskService({
      now: () => new Date(),
      appVersion: '0',
      platform: 'linux',
      dialogs: answering('/media/usb'),
    });
    const dispatch = createDispatcher(service.handlers);
    const r = await dispatch('dialog:chooseFolder', { purpose: 'write-folder' });
    expect(r).toMatchObject({ ok: true, value: { path: '/media/usb', grant: expect.any(String) } });
    const cancelled = createDispatcher(
      createCertDeskService({
        now: () => new Date(),
        appVersion: '0',
        platform: 'linux',
        dialogs: answering(null),
      }).handlers,
    );
    expect(await cancelled('dialog:openFile', { purpose: 'read-file' })).toEqual({
      ok: true,
      value: { grant: null, path: null },
    });
    await service.dispose();
  });

  it('refuses a purpose a dialog cannot grant (a folder dialog never grants a vault to open)', async () => {
    const service = createCertDeskService({ now: () => new Date(), appVersion: '0', platform: 'linux' });
    const dispatch = createDispatcher(service.handlers);
    expect(await dispatch('dialog:chooseFolder', { purpose: 'open-vault' })).toMatchObject({
      ok: false,
      error: { code: 'INVALID_INPUT' },
    });
    await service.dispose();
  });

  it('cancels every dialog and refuses every confirmation where no dialogs are wired', async () => {
    const service = createCertDeskService({ now: () => new Date(), appVersion: '0', platform: 'linux' });
    const dispatch = createDispatcher(service.handlers);
    expect(await dispatch('dialog:chooseFolder', { purpose: 'write-folder' })).toEqual({
      ok: true,
      value: { grant: null, path: null },
    });
    await service.dispose();
  });
});
