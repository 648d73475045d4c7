/**
 * Every channel that reads a file or text the renderer hands over refuses oversize input before reading it,
 * with an error that names the limit. Oversize files are sparse: they cost no disk and no time to make.
 */
import { mkdirSync, truncateSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_VAULT_FILE_BYTES } from '../core/vault';
import { MAX_INPUT_FILE_BYTES } from './files';
import { MAX_XCA_DATABASE_BYTES } from './import.service';
import { PASSPHRASE, seededFixture, type Fixture } from './testing/service-fixture';

let fx: Fixture & { caId: string };

beforeAll(async () => {
  fx = await seededFixture();
}, 60_000);
afterAll(() => fx.cleanup());

let made = 0;
/** A sparse file of `bytes` bytes (beginning with `head`), granted for `purpose` as main's dialog would. */
function oversize(
  bytes: number,
  purpose: Parameters<Fixture['grant']>[1] = 'read-file',
  head = '',
): { file: string; grant: string } {
  const file = path.join(fx.dir, `big-${++made}`);
  writeFileSync(file, head);
  truncateSync(file, bytes);
  return { file, grant: fx.grant(file, purpose) };
}

async function refusal(channel: string, payload: unknown): Promise<{ code: string; message: string }> {
  const r = await fx.dispatch(channel, payload);
  if (r.ok) throw new Error(`${channel} accepted oversize input`);
  return r.error;
}

describe('file-reading channels refuse files over their limit, naming it', () => {
  const overInput = MAX_INPUT_FILE_BYTES + 1;
  const limit = new RegExp(`${overInput} bytes; the limit is ${MAX_INPUT_FILE_BYTES}`);

  it('inspect:file', async () => {
    const { grant } = oversize(overInput);
    expect(await refusal('inspect:file', { fileGrant: grant })).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(limit),
    });
  });

  it('ca:import (certificate, key and PKCS#12 files)', async () => {
    for (const field of ['certGrant', 'p12Grant'] as const) {
      const { grant } = oversize(overInput);
      const payload = field === 'p12Grant' ? { p12Grant: grant, p12Passphrase: 'x' } : { certGrant: grant };
      const error = await refusal('ca:import', payload);
      expect(error.message).toMatch(limit);
    }
    const { view } = await fx.call('certs:get', { id: fx.caId });
    const key = oversize(overInput);
    const error = await refusal('ca:import', { certPem: view.pem, keyGrant: key.grant });
    expect(error.message).toMatch(limit);
  });

  it('ca:importTrustAnchor', async () => {
    const { grant } = oversize(overInput);
    expect((await refusal('ca:importTrustAnchor', { certGrant: grant })).message).toMatch(limit);
  });

  it('certs:track', async () => {
    const { grant } = oversize(overInput);
    expect((await refusal('certs:track', { fileGrant: grant })).message).toMatch(limit);
  });

  it('import:preview of an XCA database over 64 MiB, and of an easy-rsa folder holding an oversize file', async () => {
    const xca = oversize(MAX_XCA_DATABASE_BYTES + 1);
    const xcaError = await refusal('import:preview', {
      source: 'xca',
      sourceGrant: xca.grant,
      password: 'x',
    });
    expect(xcaError.message).toMatch(`the limit is ${MAX_XCA_DATABASE_BYTES}`);

    const pki = path.join(fx.dir, 'pki');
    mkdirSync(pki);
    writeFileSync(path.join(pki, 'ca.crt'), '');
    writeFileSync(path.join(pki, 'index.txt'), '');
    truncateSync(path.join(pki, 'index.txt'), overInput);
    const easyRsa = await refusal('import:preview', {
      source: 'easy-rsa',
      sourceGrant: fx.grant(pki, 'read-folder'),
    });
    expect(easyRsa.message).toMatch(limit);
  });

  it('vault:open and vault:restore refuse a vault file over 1 GiB before reading it', async () => {
    const vaultLimit = `up to ${MAX_VAULT_FILE_BYTES} bytes`;
    const open = oversize(MAX_VAULT_FILE_BYTES + 1, 'open-vault');
    const openError = await refusal('vault:open', { fileGrant: open.grant });
    expect(openError).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(vaultLimit) });
    const restore = oversize(MAX_VAULT_FILE_BYTES + 1, 'restore-vault');
    const restoreError = await refusal('vault:restore', {
      backupGrant: restore.grant,
      passphrase: PASSPHRASE,
    });
    expect(restoreError.message).toContain(vaultLimit);
    expect(fx.confirmations).toEqual([]);
    expect((await fx.call('vault:status', {})).state).toBe('unlocked');
  });
});

describe('text channels refuse text over their limit, naming it', () => {
  const PEM_LIMIT = 2_000_000;
  const pem = 'A'.repeat(PEM_LIMIT + 1);
  const tooBig = (max: number): RegExp => new RegExp(`Too big: expected string to have <=${max} characters`);
  const shares = [{ label: 'share 1', text: 'A'.repeat(200_001) }];
  const cases: [string, () => unknown, number][] = [
    ['inspect:text', () => ({ text: pem }), PEM_LIMIT],
    ['csr:parse', () => ({ pem }), PEM_LIMIT],
    ['certs:signCsr', () => ({ caId: fx.caId, csrPem: pem, profile: 'server' }), PEM_LIMIT],
    ['ca:import', () => ({ certPem: pem }), PEM_LIMIT],
    ['ca:importTrustAnchor', () => ({ certPem: pem }), PEM_LIMIT],
    ['certs:track', () => ({ certPem: pem }), PEM_LIMIT],
    ['batch:issue', () => ({ caId: fx.caId, manifest: 'A'.repeat(3_000_001), batchId: 'b1' }), 3_000_000],
    ['recovery:drill', () => ({ shares }), 200_000],
    ['recovery:restore', () => ({ shares, newPassphrase: PASSPHRASE }), 200_000],
  ];
  it.each(cases)('%s', async (channel, payload, max) => {
    const error = await refusal(channel, payload());
    expect(error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(tooBig(max)) });
  });
});
