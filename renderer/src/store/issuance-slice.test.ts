import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { CertSummary, CsrView, IssueResult } from '../../../shared/domain/types';
import type { Result } from '../../../shared/result';
import { DEFAULT_SETTINGS, type Settings } from '../../../shared/domain/types';
import { createIssuanceSlice } from './issuance-slice';
import type { AppState } from './index';
import { makeRow } from '../features/issuance/san-rows';

const ok = <T>(value: T): Promise<Result<T>> => Promise.resolve({ ok: true, value });
const ca: CertSummary = {
  id: 'ca1',
  kind: 'ca',
  profile: 'root',
  cn: 'mygrpc-ca',
  subject: 'CN=mygrpc-ca',
  issuer: 'CN=mygrpc-ca',
  issuerId: null,
  serial: '01',
  sans: [],
  notBefore: '2026-01-01T00:00:00Z',
  notAfter: '2036-01-01T00:00:00Z',
  sha256: 'ab',
  keyAlgorithm: 'ECDSA P-256',
  hasKey: true,
  createdAt: '2026-01-01T00:00:00Z',
};
const result = {
  summary: { ...ca, id: 'leaf1', kind: 'leaf', cn: 'user-service' },
  pem: '',
  fingerprints: { sha256: 'aa', sha1: 'bb' },
  lint: [],
  opensslCommands: [],
} as unknown as IssueResult;

function fakeApi() {
  return {
    certs: {
      preview: vi.fn(() =>
        ok({ summaryLines: ['x'], notBefore: '', notAfter: '', lint: [], opensslCommands: [] }),
      ),
      issue: vi.fn(() => ok(result)),
      signCsr: vi.fn(() => ok(result)),
    },
    csr: {
      parse: vi.fn(() =>
        ok({
          subject: 'CN=csr-service',
          subjectFields: { cn: 'csr-service', o: 'Acme' },
          sans: [{ type: 'dns', value: 'csr-service' }],
          signatureValid: true,
        } as unknown as CsrView),
      ),
    },
  };
}

let bridge: ReturnType<typeof fakeApi>;
beforeEach(() => {
  bridge = fakeApi();
  vi.stubGlobal('window', { certdesk: bridge });
});
afterEach(() => vi.unstubAllGlobals());

/** The issuance slice plus the parts of the other slices it reads (certs, settings, loadCerts). */
const newStore = (settings: Settings = DEFAULT_SETTINGS) =>
  createStore<AppState>()((set, get, store) => ({
    ...({
      certs: [ca],
      settings,
      loadCerts: vi.fn(() => Promise.resolve()),
      pushToast: vi.fn(),
    } as unknown as AppState),
    ...createIssuanceSlice(set, get, store),
  }));

function readyDraft(store: ReturnType<typeof newStore>): void {
  store.getState().primeWizard();
  store.getState().updateDraft({
    subject: { cn: 'user-service', o: '', ou: '', c: '', st: '', l: '' },
    sanRows: [makeRow('dns', 'user-service'), makeRow('ip', '127.0.0.1')],
  });
}

describe('issuance slice', () => {
  it('primes an untouched draft with the settings defaults and the only signing CA, and leaves a started one alone', () => {
    const store = newStore({
      ...DEFAULT_SETTINGS,
      defaultKeyAlgorithm: 'rsa-4096',
      defaultValidityDays: { ...DEFAULT_SETTINGS.defaultValidityDays, server: 90 },
    });
    store.getState().primeWizard();
    expect(store.getState().wizard.draft.keyAlgorithm).toBe('rsa-4096');
    expect(store.getState().wizard.draft.validity).toEqual({ preset: '90d', customDays: '' });
    expect(store.getState().wizard.draft.caId).toBe('ca1');
    store
      .getState()
      .updateDraft({ keyAlgorithm: 'ed25519', subject: { cn: 'x', o: '', ou: '', c: '', st: '', l: '' } });
    store.getState().primeWizard();
    expect(store.getState().wizard.draft.keyAlgorithm).toBe('ed25519');
  });

  it('resets KU/EKU when switching to a built-in profile and keeps them when switching to custom', () => {
    const store = newStore();
    store.getState().updateDraft({ profile: 'client' });
    expect(store.getState().wizard.draft.extendedKeyUsages).toEqual(['clientAuth']);
    store.getState().updateDraft({ profile: 'custom' });
    expect(store.getState().wizard.draft.extendedKeyUsages).toEqual(['clientAuth']);
  });

  it('issues with the generated-key request and refreshes the leaf list', async () => {
    const store = newStore();
    readyDraft(store);
    const issued = await store.getState().issue();
    expect(issued).toBe(result);
    expect(bridge.certs.issue).toHaveBeenCalledWith({
      caId: 'ca1',
      profile: 'server',
      subject: { cn: 'user-service' },
      sans: [
        { type: 'dns', value: 'user-service' },
        { type: 'ip', value: '127.0.0.1' },
      ],
      key: 'ec-p256',
    });
    expect(store.getState().wizard.result).toBe(result);
    expect(store.getState().loadCerts).toHaveBeenCalled();
  });

  it('never calls main while a SAN row is invalid', async () => {
    const store = newStore();
    readyDraft(store);
    store.getState().updateDraft({ sanRows: [makeRow('dns', 'bad_label')] });
    expect(await store.getState().issue()).toBeNull();
    await store.getState().loadPreview();
    expect(bridge.certs.issue).not.toHaveBeenCalled();
    expect(bridge.certs.preview).not.toHaveBeenCalled();
  });

  it('signs a CSR with the requested subject and SANs once copied into the draft', async () => {
    const store = newStore();
    readyDraft(store);
    store.getState().updateDraft({ keyMode: 'csr', csrPem: ' -----BEGIN CERTIFICATE REQUEST----- ' });
    await store.getState().readCsr();
    store.getState().applyCsrRequest();
    expect(store.getState().wizard.draft.subject.o).toBe('Acme');
    await store.getState().issue();
    expect(bridge.certs.signCsr).toHaveBeenCalledWith({
      caId: 'ca1',
      csrPem: '-----BEGIN CERTIFICATE REQUEST-----',
      profile: 'server',
      subject: { cn: 'csr-service', o: 'Acme' },
      sans: [{ type: 'dns', value: 'csr-service' }],
    });
  });

  it('forgets a parsed CSR when the pasted text changes, and clears a stale preview on any edit', async () => {
    const store = newStore();
    readyDraft(store);
    store.getState().updateDraft({ keyMode: 'csr', csrPem: 'a' });
    await store.getState().readCsr();
    expect(store.getState().wizard.csr).not.toBeNull();
    store.getState().updateDraft({ csrPem: 'b' });
    expect(store.getState().wizard.csr).toBeNull();
    store.getState().updateDraft({ keyMode: 'generate' });
    await store.getState().loadPreview();
    expect(store.getState().wizard.preview).not.toBeNull();
    store.getState().updateDraft({ validity: { preset: '30d', customDays: '' } });
    expect(store.getState().wizard.preview).toBeNull();
    expect(store.getState().wizard.draft.validityIsDefault).toBe(false);
  });

  it('sends the chosen validity once the operator picks one', async () => {
    const store = newStore();
    readyDraft(store);
    store.getState().updateDraft({ validity: { preset: '7d', customDays: '' } });
    await store.getState().issue();
    expect(bridge.certs.issue).toHaveBeenCalledWith(expect.objectContaining({ validity: { days: 7 } }));
  });

  it("shows main's message when issuance fails and keeps the draft", async () => {
    const store = newStore();
    readyDraft(store);
    bridge.certs.issue.mockReturnValueOnce(
      Promise.resolve({
        ok: false,
        error: { code: 'VALIDITY_EXCEEDS_ISSUER', message: 'beyond the CA' },
      }) as never,
    );
    expect(await store.getState().issue()).toBeNull();
    expect(store.getState().wizard.issueError).toBe('beyond the CA');
    expect(store.getState().wizard.draft.subject.cn).toBe('user-service');
  });
});
