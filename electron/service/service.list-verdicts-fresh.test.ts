/**
 * Later lists reuse each certificate's last verdict when nothing it depends on moved: these are the moves
 * that must each give a fresh verdict (a revocation, a new CRL, an expiry boundary, a new CA).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { CertSummary } from '../../shared/domain/types';
import { ctxAt, makeLeaf, makeRoot } from '../core/pki/testing/fixtures';
import { openVault } from '../core/vault';
import { Inventory } from './inventory';
import { RECORD } from './records';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';
import { summariesWithVerdicts } from './verdicts';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

const NOW = new Date('2026-03-01T12:00:00Z');

async function hierarchy(clock: { now: Date }) {
  const fx = await makeFixture({ now: () => clock.now });
  fixtures.push(fx);
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  const root = await fx.call('ca:create', { subject: { cn: 'fresh-root' } });
  const inter = await fx.call('ca:create', { subject: { cn: 'fresh-inter' }, parentId: root.summary.id });
  const leaf = await fx.call('certs:issue', {
    caId: inter.summary.id,
    profile: 'server',
    subject: { cn: 'api.example' },
    sans: [{ type: 'dns', value: 'api.example' }],
    validity: { days: 30 },
  });
  return { fx, rootId: root.summary.id, interId: inter.summary.id, leaf: leaf.summary };
}

async function listed(fx: Fixture, id: string): Promise<CertSummary> {
  const found = (await fx.call('certs:list', {})).find((c) => c.id === id);
  if (!found) throw new Error(`${id} not listed`);
  return found;
}

describe('later certificate lists never show a stale verdict', () => {
  it('shows the leaf invalid once its issuing CA is revoked', async () => {
    const { fx, interId, leaf } = await hierarchy({ now: NOW });
    expect((await listed(fx, leaf.id)).invalidReason).toBeUndefined();
    expect((await listed(fx, leaf.id)).invalidReason).toBeUndefined();
    await fx.call('certs:revoke', { id: interId, reason: 'keyCompromise' });
    expect((await listed(fx, leaf.id)).invalidReason).toMatch(/^CA "CN=fresh-inter": revoked on/);
  });

  it('shows a certificate revoked once it is, whatever else was revoked before', async () => {
    const { fx, interId, leaf } = await hierarchy({ now: NOW });
    const other = await fx.call('certs:issue', {
      caId: interId,
      profile: 'client',
      subject: { cn: 'other-client' },
      sans: [],
    });
    await fx.call('certs:revoke', { id: other.summary.id, reason: 'superseded' });
    expect((await listed(fx, leaf.id)).invalidReason).toBeUndefined();
    expect((await listed(fx, leaf.id)).invalidReason).toBeUndefined();
    await fx.call('certs:revoke', { id: leaf.id, reason: 'keyCompromise' });
    expect((await listed(fx, leaf.id)).invalidReason).toMatch(/^revoked on .* \(keyCompromise\)$/);
  });

  it('shows the leaf expired one millisecond after its notAfter, and not yet valid before its notBefore', async () => {
    const clock = { now: NOW };
    const { fx, leaf } = await hierarchy(clock);
    clock.now = new Date(leaf.notAfter);
    expect((await listed(fx, leaf.id)).invalidReason).toBeUndefined();
    clock.now = new Date(Date.parse(leaf.notAfter) + 1);
    expect((await listed(fx, leaf.id)).invalidReason).toMatch(/^expired on/);
    clock.now = new Date(leaf.notBefore);
    expect((await listed(fx, leaf.id)).invalidReason).toBeUndefined();
    clock.now = new Date(Date.parse(leaf.notBefore) - 1);
    expect((await listed(fx, leaf.id)).invalidReason).toMatch(/^not valid before/);
  });

  it('shows a tracked certificate valid once the CA that issued it enters the vault', async () => {
    const { fx } = await hierarchy({ now: NOW });
    const ctx = ctxAt(NOW);
    const foreignRoot = await makeRoot(ctx, { cn: 'Foreign Root' });
    const foreignLeaf = await makeLeaf(ctx, foreignRoot, 'server', 'shop.example', [
      { type: 'dns', value: 'shop.example' },
    ]);
    const tracked = (await fx.call('certs:track', { certPem: foreignLeaf.cert.pem })).added[0]!;
    expect((await listed(fx, tracked.id)).trackedChain?.verdict).toBe('issuer-unknown');
    expect((await listed(fx, tracked.id)).trackedChain?.verdict).toBe('issuer-unknown');
    await fx.call('ca:importTrustAnchor', { certPem: foreignRoot.cert.pem });
    expect((await listed(fx, tracked.id)).trackedChain?.verdict).toBe('valid');
  });

  it('shows the leaf revoked once a CRL listing it arrives, with no revocation record of its own', async () => {
    const { fx, leaf } = await hierarchy({ now: NOW });
    // A CRL of the vault's CA that revokes the leaf, then the vault replayed without the revocation record:
    // the CRL is then the only source of the revocation, as for a CRL brought in by an import.
    await fx.call('certs:revoke', { id: leaf.id, reason: 'superseded' });
    await fx.call('crl:generate', { caId: leaf.issuerId! });
    await fx.call('vault:lock', {});
    const { vault, records } = await openVault(fx.vaultPath, PASSPHRASE, { readOnly: true });
    await vault.lock();
    const inventory = Inventory.replay(
      records.filter((r) => r.type !== RECORD.revoke && r.type !== RECORD.crl),
    );
    const verdictOf = (): string | undefined =>
      summariesWithVerdicts(inventory, [inventory.get(leaf.id)], NOW)[0]!.invalidReason;
    expect(verdictOf()).toBeUndefined();
    expect(verdictOf()).toBeUndefined();
    for (const r of records) if (r.type === RECORD.crl) inventory.apply(r);
    expect(inventory.crls.size).toBe(1);
    expect(verdictOf()).toMatch(/^revoked on .* \(superseded\)$/);
  });
});
