import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createCrl, summarizeCertificate, toPem } from '../core/pki';
import { readCrl } from '../core/pki/crl';
import { ctxAt, keyPem, makeLeaf, makeRoot } from '../core/pki/testing/fixtures';
import { retimed, retimedCrl } from '../core/pki/testing/retimed';
import { openVault } from '../core/vault';
import { certStatus } from '../../shared/domain/expiry';
import type { CertSummary } from '../../shared/domain/types';
import { certId, sha256Hex } from './inventory';
import { record, RECORD } from './records';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';

const NOW = new Date('2026-12-15T12:00:00Z');

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

/**
 * The record an earlier CertDesk stored for `der`, whose reader rolled an out-of-range time over into another
 * date: the summary carries `storedDates`, not anything the certificate says.
 */
function storedCert(
  der: Uint8Array,
  factsOf: Uint8Array,
  issuerId: string | null,
  storedDates: Partial<Pick<CertSummary, 'notBefore' | 'notAfter'>> = {},
): { id: string; rec: ReturnType<typeof record> } {
  const facts = summarizeCertificate(factsOf);
  const sha256 = sha256Hex(der);
  const id = certId(sha256);
  const summary: CertSummary = {
    id,
    kind: facts.isCa ? 'ca' : 'leaf',
    profile: facts.isCa ? 'root' : 'server',
    cn: facts.cn,
    subject: facts.subject,
    issuer: facts.issuer,
    issuerId,
    serial: facts.serial,
    sans: facts.sans,
    notBefore: storedDates.notBefore ?? facts.notBefore,
    notAfter: storedDates.notAfter ?? facts.notAfter,
    sha256,
    keyAlgorithm: facts.keyAlgorithm,
    hasKey: false,
    ...(facts.isCa ? { pathLen: facts.pathLen } : {}),
    createdAt: NOW.toISOString(),
  };
  return { id, rec: record(RECORD.cert, { summary, der, keyRef: null, keyAlg: null }) };
}

async function appendWhileLocked(fx: Fixture, records: ReturnType<typeof record>[]): Promise<void> {
  await fx.call('vault:lock', {});
  const opened = await openVault(fx.vaultPath, PASSPHRASE);
  await opened.vault.append(records);
  await opened.vault.lock();
  await fx.call('vault:unlock', { passphrase: PASSPHRASE });
}

describe('certificates stored with a time openssl and Go refuse', () => {
  it('are listed as invalid naming the bad time, make what they issued invalid, and leave the rest of the list as it was', async () => {
    const fx = await makeFixture({ now: () => NOW });
    fixtures.push(fx);
    await fx.call('vault:create', { passphrase: PASSPHRASE });
    const own = await fx.call('ca:create', { subject: { cn: 'Own Root' } });
    await fx.call('certs:issue', {
      caId: own.summary.id,
      profile: 'server',
      subject: { cn: 'own.example' },
      sans: [{ type: 'dns', value: 'own.example' }],
    });
    const ctx = ctxAt(NOW);
    const san = (name: string): [{ type: 'dns'; value: string }] => [{ type: 'dns', value: name }];
    const root = await makeRoot(ctx, { cn: 'Stale Root' });
    const fine = await makeLeaf(ctx, root, 'server', 'fine.example', san('fine.example'));
    const rootRec = storedCert(root.cert.der, root.cert.der, null);
    const fineRec = storedCert(fine.cert.der, fine.cert.der, rootRec.id);
    await appendWhileLocked(fx, [rootRec.rec, fineRec.rec]);
    const before = await fx.call('certs:list', {});
    const { thresholds } = await fx.call('settings:get', {});
    const summaryBefore = await fx.call('dashboard:summary', {});
    expect(before.map((s) => certStatus(s, NOW, thresholds))).toEqual(['valid', 'valid', 'valid', 'valid']);

    // notAfter "month 13 of 2027", which the earlier reader stored as 2028-01-01
    const monthThirteen = await makeLeaf(ctx, root, 'server', 'month13.example', san('month13.example'));
    const badLeaf = await retimed(monthThirteen.cert.der, { notAfter: '271301000000Z' }, root.key.signingKey);
    const badLeafRec = storedCert(badLeaf, monthThirteen.cert.der, rootRec.id, {
      notAfter: '2028-01-01T00:00:00.000Z',
    });
    // a root whose notBefore is 31 November (stored as 1 December), and a leaf it issued with valid times
    const novRoot = await makeRoot(ctx, { cn: 'November Root' });
    const badRoot = await retimed(novRoot.cert.der, { notBefore: '261131000000Z' }, novRoot.key.signingKey);
    const badRootRec = storedCert(badRoot, novRoot.cert.der, null, { notBefore: '2026-12-01T00:00:00.000Z' });
    const child = await makeLeaf(ctx, novRoot, 'server', 'child.example', san('child.example'));
    const childRec = storedCert(child.cert.der, child.cert.der, badRootRec.id);
    // and a CRL it published (valid times): checking its signature reads the root's key, not its times
    const novCrl = await createCrl(
      {
        issuer: novRoot.issuer,
        crlNumber: 1,
        thisUpdate: new Date('2026-12-01T00:00:00Z'),
        nextUpdate: new Date('2027-01-01T00:00:00Z'),
        entries: [],
      },
      ctx,
    );
    const novCrlRec = record(RECORD.crl, {
      caId: badRootRec.id,
      number: 1,
      thisUpdate: '2026-12-01T00:00:00.000Z',
      nextUpdate: '2027-01-01T00:00:00.000Z',
      der: novCrl.der,
    });
    await appendWhileLocked(fx, [badLeafRec.rec, badRootRec.rec, childRec.rec, novCrlRec]);

    const after = await fx.call('certs:list', {});
    const byId = new Map(after.map((s) => [s.id, s]));
    for (const s of before) expect(byId.get(s.id)).toEqual(s);
    const listed = (id: string): { status: string; reason: string | undefined } => {
      const s = byId.get(id)!;
      return { status: certStatus(s, NOW, thresholds), reason: s.invalidReason };
    };
    expect(listed(badLeafRec.id)).toEqual({
      status: 'invalid',
      reason: 'notAfter "271301000000Z" is not a valid time: month 13 is out of range',
    });
    expect(listed(badRootRec.id)).toEqual({
      status: 'invalid',
      reason: 'notBefore "261131000000Z" is not a valid time: day 31 is out of range for month 11',
    });
    expect(listed(childRec.id)).toEqual({
      status: 'invalid',
      reason:
        'CA "O=CertDesk Tests, CN=November Root": notBefore "261131000000Z" is not a valid time: day 31 is out of range for month 11',
    });

    const summaryAfter = await fx.call('dashboard:summary', {});
    expect(summaryAfter.total).toBe(summaryBefore.total + 3);
    expect(summaryAfter.counts).toEqual({
      ...summaryBefore.counts,
      invalid: summaryBefore.counts.invalid + 3,
    });
    expect(summaryAfter.timeline).toEqual(summaryBefore.timeline);

    // its detail still opens: the dates it cannot read say so, and the chain and lint name the field
    const detail = await fx.call('certs:get', { id: badLeafRec.id });
    expect(detail.view.notAfter).toBe('not a valid time');
    expect(detail.chain[0]!.checks.find((c) => c.check === 'validity')?.message).toMatch(
      /^notAfter "271301000000Z"/,
    );
    expect(detail.lint.map((l) => l.id)).toContain('time-unreadable');
  });

  it('refuses to import or inspect one, naming the field, as openssl verify and Go refuse it', async () => {
    const fx = await makeFixture({ now: () => NOW });
    fixtures.push(fx);
    await fx.call('vault:create', { passphrase: PASSPHRASE });
    const root = await makeRoot(ctxAt(NOW), { cn: 'Leap Root' });
    const der = await retimed(root.cert.der, { notAfter: '270229000000Z' }, root.key.signingKey);
    const why = 'notAfter "270229000000Z" is not a valid time: day 29 is out of range for month 02';
    const imported = await fx.fail('ca:import', { certPem: toPem(der, 'CERTIFICATE') });
    expect(imported).toEqual({ code: 'INVALID_PEM', message: expect.stringContaining(why) });
    const inspected = await fx.fail('inspect:text', { text: toPem(der, 'CERTIFICATE') });
    expect(inspected).toEqual({ code: 'INVALID_PEM', message: expect.stringContaining(why) });
    expect(await fx.call('certs:list', {})).toEqual([]);
  });

  it('make the certificates a stored CRL with such a time covers invalid, as openssl -crl_check does, and nothing else', async () => {
    const fx = await makeFixture({ now: () => NOW });
    fixtures.push(fx);
    await fx.call('vault:create', { passphrase: PASSPHRASE });
    const ctx = ctxAt(NOW);
    const san = (name: string): [{ type: 'dns'; value: string }] => [{ type: 'dns', value: name }];
    const [listedRoot, otherRoot] = [
      await makeRoot(ctx, { cn: 'CRL Root' }),
      await makeRoot(ctx, { cn: 'Other Root' }),
    ];
    const covered = await makeLeaf(ctx, listedRoot, 'server', 'covered.example', san('covered.example'));
    const elsewhere = await makeLeaf(ctx, otherRoot, 'server', 'elsewhere.example', san('elsewhere.example'));
    const rootRec = storedCert(listedRoot.cert.der, listedRoot.cert.der, null);
    const otherRec = storedCert(otherRoot.cert.der, otherRoot.cert.der, null);
    const coveredRec = storedCert(covered.cert.der, covered.cert.der, rootRec.id);
    const elsewhereRec = storedCert(elsewhere.cert.der, elsewhere.cert.der, otherRec.id);
    const crl = await createCrl(
      {
        issuer: listedRoot.issuer,
        crlNumber: 1,
        thisUpdate: new Date('2026-12-01T00:00:00Z'),
        nextUpdate: new Date('2027-01-01T00:00:00Z'),
        entries: [],
      },
      ctx,
    );
    // thisUpdate "month 13 of 2026", which the earlier reader took for January 2027
    const badCrl = await retimedCrl(crl.der, { thisUpdate: '261301000000Z' }, listedRoot.key.signingKey);
    const why = 'thisUpdate "261301000000Z" is not a valid time: month 13 is out of range';
    expect(() => readCrl(badCrl)).toThrow(why);
    expect(readCrl(badCrl, 'keep').timeError).toBe(why);
    const crlRec = record(RECORD.crl, {
      caId: rootRec.id,
      number: 1,
      thisUpdate: '2027-01-01T00:00:00.000Z',
      nextUpdate: '2027-01-01T00:00:00.000Z',
      der: badCrl,
    });
    await appendWhileLocked(fx, [rootRec.rec, otherRec.rec, coveredRec.rec, elsewhereRec.rec, crlRec]);

    const { thresholds } = await fx.call('settings:get', {});
    const listed = new Map(
      (await fx.call('certs:list', {})).map((s) => [s.id, [certStatus(s, NOW, thresholds), s.invalidReason]]),
    );
    expect(listed.get(coveredRec.id)).toEqual([
      'invalid',
      `the CRL of "O=CertDesk Tests, CN=CRL Root" cannot be read: ${why}`,
    ]);
    for (const rec of [rootRec, otherRec, elsewhereRec])
      expect(listed.get(rec.id)).toEqual(['valid', undefined]);
  });

  it('can be renewed into a certificate with valid times, which replaces it', async () => {
    const fx = await makeFixture({ now: () => NOW });
    fixtures.push(fx);
    await fx.call('vault:create', { passphrase: PASSPHRASE });
    const ctx = ctxAt(NOW);
    const root = await makeRoot(ctx, { cn: 'Renewing Root' });
    writeFileSync(path.join(fx.dir, 'root.crt'), toPem(root.cert.der, 'CERTIFICATE'));
    writeFileSync(path.join(fx.dir, 'root.key'), keyPem(root.key));
    const ca = await fx.call('ca:import', {
      certGrant: fx.grant(path.join(fx.dir, 'root.crt'), 'read-file'),
      keyGrant: fx.grant(path.join(fx.dir, 'root.key'), 'read-file'),
    });
    const old = await makeLeaf(ctx, root, 'server', 'renew.example', [
      { type: 'dns', value: 'renew.example' },
    ]);
    const broken = await retimed(old.cert.der, { notAfter: '271231240000Z' }, root.key.signingKey);
    const brokenRec = storedCert(broken, old.cert.der, ca.id, { notAfter: '2028-01-01T00:00:00.000Z' });
    await appendWhileLocked(fx, [brokenRec.rec]);

    const renewed = await fx.call('certs:renew', { id: brokenRec.id });
    const { thresholds } = await fx.call('settings:get', {});
    const byId = new Map((await fx.call('certs:list', {})).map((s) => [s.id, s]));
    expect(certStatus(byId.get(renewed.summary.id)!, NOW, thresholds)).toBe('valid');
    expect(renewed.summary.cn).toBe('renew.example');
    expect(certStatus(byId.get(brokenRec.id)!, NOW, thresholds)).toBe('renewed');
  });
});
