import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { ChannelInput } from '../../shared/ipc/contract';
import type { ImportPreview } from '../../shared/domain/types';
import { writeCorpLeaf, writeCorpRoot } from './testing/corp-ca';
import { compactFromLiveState } from './testing/live-compaction';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

const SERIAL = 7;

/**
 * A vault tracking a vendor's certificate (issuer CN=Corp CA, serial 07), and beside it an easy-rsa PKI of that
 * vendor CA holding another certificate with the same issuer name and serial: a reissue that RFC 5280 forbids.
 */
async function vaultTrackingTheVendorLeaf(): Promise<{ fx: Fixture; trackedId: string; pki: string }> {
  const fx = await makeFixture();
  fixtures.push(fx);
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  writeCorpRoot(fx.dir, 'vendor', 'utf8only', 1);
  writeCorpLeaf(fx.dir, 'tracked', 'vendor', SERIAL);
  writeCorpLeaf(fx.dir, 'reissued', 'vendor', SERIAL);
  const track = await fx.call('certs:track', {
    certPem: readFileSync(path.join(fx.dir, 'tracked.crt'), 'utf8'),
  });
  expect(track.added).toHaveLength(1);
  const pki = path.join(fx.dir, 'pki');
  mkdirSync(path.join(pki, 'issued'), { recursive: true });
  writeFileSync(path.join(pki, 'ca.crt'), readFileSync(path.join(fx.dir, 'vendor.crt')));
  writeFileSync(path.join(pki, 'issued/svc.crt'), readFileSync(path.join(fx.dir, 'reissued.crt')));
  writeFileSync(path.join(pki, 'index.txt'), `V\t351231000000Z\t\t07\tunknown\t/CN=svc.example.test\n`);
  return { fx, trackedId: track.added[0]!.id, pki };
}

function easyRsa(fx: Fixture, pki: string): ChannelInput<'import:run'> {
  return { source: 'easy-rsa', sourceGrant: fx.service.grantPath(pki, 'read-folder') };
}

/** The import preview's item for the reissued leaf. */
async function reissuedLeaf(fx: Fixture, pki: string): Promise<ImportPreview['items'][number]> {
  const preview = await fx.call('import:preview', easyRsa(fx, pki));
  const leaf = preview.items.find((i) => i.item === 'issued/svc.crt');
  expect(leaf).toBeDefined();
  return leaf!;
}

/** The reissued leaf is refused: its serial under CN=Corp CA is still counted as used. */
async function expectSerialStillUsed(fx: Fixture, pki: string): Promise<void> {
  const leaf = await reissuedLeaf(fx, pki);
  expect(leaf.action).toBe('conflict');
  expect(leaf.notes.join(' ')).toMatch(/serial 07 is already used by another certificate of "CN=Corp CA"/);
  expect((await fx.fail('import:run', easyRsa(fx, pki))).code).toBe('IMPORT_CONFLICT');
}

describe('a serial an issuer name once used stays used after its tracked certificate is untracked', () => {
  it('when the serial index was built before the untrack', async () => {
    const { fx, trackedId, pki } = await vaultTrackingTheVendorLeaf();
    // the preview builds the index while the tracked certificate is in the vault
    expect((await reissuedLeaf(fx, pki)).action).toBe('conflict');
    await fx.call('certs:untrack', { id: trackedId });
    expect((await fx.call('certs:list', {})).map((c) => c.id)).not.toContain(trackedId);
    await expectSerialStillUsed(fx, pki);
  });

  it('when the serial index is first built after the untrack, in the same session and after a fresh unlock', async () => {
    const { fx, trackedId, pki } = await vaultTrackingTheVendorLeaf();
    await fx.call('certs:untrack', { id: trackedId });
    await expectSerialStillUsed(fx, pki);

    await fx.call('vault:lock', {});
    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    await expectSerialStillUsed(fx, pki);

    const restarted = await fx.restart();
    fixtures.push(restarted);
    await restarted.call('vault:unlock', { passphrase: PASSPHRASE });
    await expectSerialStillUsed(restarted, pki);
  });

  it('after a compaction rewrote the vault from the live state, which no longer holds the certificate', async () => {
    const { fx, trackedId, pki } = await vaultTrackingTheVendorLeaf();
    await fx.call('certs:untrack', { id: trackedId });
    await fx.call('vault:lock', {});
    // the app's next write compacts from its live inventory
    await compactFromLiveState(fx.vaultPath);

    await fx.call('vault:unlock', { passphrase: PASSPHRASE });
    await expectSerialStillUsed(fx, pki);
  });
});
