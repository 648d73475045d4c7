import { describe, expect, it } from 'vitest';
import type { CertSummary, CsrView } from '../../../../shared/domain/types';
import { makeRow } from './san-rows';
import {
  issueRequest,
  reachableSteps,
  stepBlockers,
  type GateContext,
  type IssuanceDraft,
} from './wizard-model';

const ca = (over: Partial<CertSummary> = {}): CertSummary => ({
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
  ...over,
});

const draft = (over: Partial<IssuanceDraft> = {}): IssuanceDraft => ({
  caId: 'ca1',
  profile: 'server',
  keyUsages: ['digitalSignature'],
  extendedKeyUsages: ['serverAuth'],
  subject: { cn: 'user-service', o: '', ou: '', c: '', st: '', l: '' },
  sanRows: [makeRow('dns', 'user-service'), makeRow('ip', '127.0.0.1')],
  keyMode: 'generate',
  keyAlgorithm: 'ec-p256',
  csrPem: '',
  validity: { preset: '397d', customDays: '' },
  validityIsDefault: false,
  ...over,
});

const ctx: GateContext = { authorities: [ca()], csr: null };

describe('issuance wizard gating', () => {
  it('requires an issuer that holds its key', () => {
    expect(stepBlockers('issuer', draft({ caId: null }), ctx)).toEqual([
      'Choose the CA that signs this certificate',
    ]);
    expect(stepBlockers('issuer', draft(), { ...ctx, authorities: [ca({ hasKey: false })] })[0]).toMatch(
      /no private key/,
    );
    expect(stepBlockers('issuer', draft(), ctx)).toEqual([]);
  });

  it('blocks the subject step on a missing CN, a bad country and an invalid SAN row, naming each', () => {
    const blockers = stepBlockers(
      'subject',
      draft({
        subject: { cn: ' ', o: '', ou: '', c: 'Germany', st: '', l: '' },
        sanRows: [makeRow('dns', '*.a.*.example')],
      }),
      ctx,
    );
    expect(blockers).toHaveLength(3);
    expect(blockers[0]).toMatch(/Common name/);
    expect(blockers[1]).toMatch(/two-letter/);
    expect(blockers[2]).toMatch(/DNS:\*\.a\.\*\.example has a wildcard/);
  });

  it('requires a SAN for a server certificate but not for a client certificate', () => {
    expect(stepBlockers('subject', draft({ sanRows: [makeRow('dns', '')] }), ctx)[0]).toMatch(
      /needs at least one SAN/,
    );
    expect(stepBlockers('subject', draft({ profile: 'client', sanRows: [] }), ctx)).toEqual([]);
  });

  it('requires at least one KU and one EKU for the custom profile', () => {
    expect(
      stepBlockers('profile', draft({ profile: 'custom', keyUsages: [], extendedKeyUsages: [] }), ctx),
    ).toHaveLength(2);
  });

  it('in CSR mode requires a parsed CSR whose signature verifies', () => {
    const csr = { signatureValid: false } as CsrView;
    expect(stepBlockers('key', draft({ keyMode: 'csr' }), ctx)[0]).toMatch(/Read CSR/);
    expect(stepBlockers('key', draft({ keyMode: 'csr' }), { ...ctx, csr })[0]).toMatch(/does not verify/);
    expect(
      stepBlockers('key', draft({ keyMode: 'csr' }), { ...ctx, csr: { ...csr, signatureValid: true } }),
    ).toEqual([]);
  });

  it('lets the stepper reach steps only up to the first blocked one', () => {
    expect(reachableSteps(draft({ sanRows: [makeRow('dns', 'bad_label')] }), ctx)).toEqual([
      'issuer',
      'profile',
      'subject',
    ]);
    expect(reachableSteps(draft(), ctx)).toEqual([
      'issuer',
      'profile',
      'subject',
      'key',
      'validity',
      'review',
    ]);
  });

  it('builds the issue request from the draft, trimming the subject and omitting blank rows and fields', () => {
    const req = issueRequest(
      draft({
        subject: { cn: ' user-service ', o: 'Acme', ou: ' ', c: 'de', st: '', l: '' },
        sanRows: [makeRow('dns', 'user-service'), makeRow('dns', '')],
      }),
      ctx,
    );
    expect(req).toEqual({
      caId: 'ca1',
      profile: 'server',
      subject: { cn: 'user-service', o: 'Acme', c: 'DE' },
      sans: [{ type: 'dns', value: 'user-service' }],
      key: 'ec-p256',
      validity: { days: 397 },
    });
    expect(issueRequest(draft({ caId: null }), ctx)).toBeNull();
  });

  it('leaves the validity to main while it is the settings default, so main can clamp it to the issuer', () => {
    expect(issueRequest(draft({ validityIsDefault: true }), ctx)?.validity).toBeUndefined();
    expect(issueRequest(draft({ validity: { preset: '30d', customDays: '' } }), ctx)?.validity).toEqual({
      days: 30,
    });
  });
});
