import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { writeCorpCa, writeCorpLeaf, writeCorpRoot } from './testing/corp-ca';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

async function vault(): Promise<Fixture> {
  const fx = await makeFixture();
  fixtures.push(fx);
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  return fx;
}

async function importCa(fx: Fixture, name: string): Promise<string> {
  const ca = await fx.call('ca:import', {
    certGrant: fx.grant(path.join(fx.dir, `${name}.crt`), 'read-file'),
    keyGrant: fx.grant(path.join(fx.dir, `${name}.key`), 'read-file'),
  });
  return ca.id;
}

const pem = (fx: Fixture, name: string): string => readFileSync(path.join(fx.dir, `${name}.crt`), 'utf8');

async function track(fx: Fixture, name: string): Promise<string> {
  const tracked = await fx.call('certs:track', { certPem: pem(fx, name) });
  return tracked.added[0]!.id;
}

/** The parent the hierarchy, the detail's Issuer link and the dashboard show, as certs:get and certs:list say. */
async function parentOf(fx: Fixture, id: string): Promise<string | null> {
  const detail = (await fx.call('certs:get', { id })).summary.issuerId;
  const listed = (await fx.call('certs:list', {})).find((c) => c.id === id)?.issuerId;
  expect(listed).toBe(detail);
  return detail;
}

async function relock(fx: Fixture): Promise<void> {
  await fx.call('vault:lock', {});
  await fx.call('vault:unlock', { passphrase: PASSPHRASE });
}

/** Two self-signed roots that both display as CN=Corp CA (PrintableString, UTF8String) and a leaf of the second. */
function lookAlikeRoots(fx: Fixture): void {
  writeCorpRoot(fx.dir, 'printable', 'nombstr', 1);
  writeCorpRoot(fx.dir, 'utf8', 'utf8only', 2);
  writeCorpLeaf(fx.dir, 'leaf', 'utf8', 3);
}

describe('the parent of a certificate is the vault CA that signed it, not one that displays the same name', () => {
  it('two roots display as CN=Corp CA: a tracked leaf of the second links to the second, before and after unlock', async () => {
    const fx = await vault();
    lookAlikeRoots(fx);
    const printableId = await importCa(fx, 'printable');
    const utf8Id = await importCa(fx, 'utf8');
    const leafId = await track(fx, 'leaf');
    expect(await parentOf(fx, leafId)).toBe(utf8Id);
    await relock(fx);
    expect(await parentOf(fx, leafId)).toBe(utf8Id);
    expect(await parentOf(fx, printableId)).toBeNull();
    expect(await parentOf(fx, utf8Id)).toBeNull();
  });

  it('a leaf tracked before its CA links to the CA that signed it once that is imported, not to its look-alike', async () => {
    const fx = await vault();
    lookAlikeRoots(fx);
    const leafId = await track(fx, 'leaf');
    await importCa(fx, 'printable');
    expect(await parentOf(fx, leafId)).toBeNull();
    const utf8Id = await importCa(fx, 'utf8');
    expect(await parentOf(fx, leafId)).toBe(utf8Id);
    await relock(fx);
    expect(await parentOf(fx, leafId)).toBe(utf8Id);
  });

  it('an easy-rsa import links its leaf to the vault CA that signed it when a look-alike CA is also in the vault', async () => {
    const fx = await vault();
    lookAlikeRoots(fx);
    const utf8Id = await importCa(fx, 'utf8');
    await importCa(fx, 'printable');
    // an easy-rsa PKI of the UTF8String CA (already in the vault) with the leaf it issued
    const pki = path.join(fx.dir, 'pki');
    mkdirSync(path.join(pki, 'issued'), { recursive: true });
    writeFileSync(path.join(pki, 'ca.crt'), pem(fx, 'utf8'));
    writeFileSync(path.join(pki, 'issued', 'svc.crt'), pem(fx, 'leaf'));
    writeFileSync(path.join(pki, 'index.txt'), 'V\t351231000000Z\t\t03\tunknown\t/CN=svc.example.test\n');
    const result = await fx.call('import:run', {
      source: 'easy-rsa',
      sourceGrant: fx.grant(pki, 'read-folder'),
    });
    expect(result.counts).toMatchObject({ leaves: 1, duplicates: 1, conflicts: 0 });
    const leafId = (await fx.call('certs:list', {})).find((c) => c.cn === 'svc.example.test')!.id;
    expect(await parentOf(fx, leafId)).toBe(utf8Id);
    await relock(fx);
    expect(await parentOf(fx, leafId)).toBe(utf8Id);
  });

  it("after a key rollover (new key's certificate signed by the old key, one name) a leaf of the new key links to the rollover certificate", async () => {
    const fx = await vault();
    writeCorpCa(fx.dir, 'nombstr');
    writeCorpLeaf(fx.dir, 'leaf', 'inter', 3);
    writeCorpLeaf(fx.dir, 'leaf2', 'inter', 4);
    const leafId = await track(fx, 'leaf');
    const rootId = await importCa(fx, 'root');
    expect(await parentOf(fx, leafId)).toBeNull();
    const rolloverId = await importCa(fx, 'inter');
    expect(await parentOf(fx, rolloverId)).toBe(rootId);
    expect(await parentOf(fx, leafId)).toBe(rolloverId);
    const laterLeafId = await track(fx, 'leaf2');
    expect(await parentOf(fx, laterLeafId)).toBe(rolloverId);
    await relock(fx);
    expect(await parentOf(fx, leafId)).toBe(rolloverId);
    expect(await parentOf(fx, laterLeafId)).toBe(rolloverId);
    expect(await parentOf(fx, rolloverId)).toBe(rootId);
    expect(await parentOf(fx, rootId)).toBeNull();
  });
});

/** What ca:list and certs:list say of a CA: whether it is self-signed (absent when it is not). */
async function selfSignedOf(fx: Fixture, id: string): Promise<boolean | undefined> {
  const fromCaList = (await fx.call('ca:list', {})).find((c) => c.id === id)?.selfSigned;
  expect((await fx.call('certs:list', {})).find((c) => c.id === id)?.selfSigned).toBe(fromCaList);
  return fromCaList;
}

describe('main says which CA is self-signed: by name bytes and its own key, not by how its names display', () => {
  it('an intermediate whose issuer only displays like its subject is not self-signed, with or without its root', async () => {
    const fx = await vault();
    writeCorpCa(fx.dir, 'utf8only');
    const interId = await importCa(fx, 'inter');
    expect(await parentOf(fx, interId)).toBeNull();
    expect(await selfSignedOf(fx, interId)).toBeUndefined();
    const rootId = await importCa(fx, 'root');
    expect(await selfSignedOf(fx, rootId)).toBe(true);
    expect(await selfSignedOf(fx, interId)).toBeUndefined();
    await relock(fx);
    expect(await selfSignedOf(fx, rootId)).toBe(true);
    expect(await selfSignedOf(fx, interId)).toBeUndefined();
  });

  it('a key rollover certificate (one name, signed by the old key) imported without its signer is not self-signed', async () => {
    const fx = await vault();
    writeCorpCa(fx.dir, 'nombstr');
    // an easy-rsa PKI whose CA is the rollover certificate; the old key's root stays out of the vault
    const pki = path.join(fx.dir, 'pki');
    mkdirSync(pki, { recursive: true });
    writeFileSync(path.join(pki, 'ca.crt'), pem(fx, 'inter'));
    writeFileSync(path.join(pki, 'index.txt'), '');
    await fx.call('import:run', { source: 'easy-rsa', sourceGrant: fx.grant(pki, 'read-folder') });
    const rollover = (await fx.call('ca:list', {})).find((c) => c.cn === 'Corp CA')!;
    expect(rollover.issuer).toBe(rollover.subject);
    expect(rollover.issuerId).toBeNull();
    expect(await selfSignedOf(fx, rollover.id)).toBeUndefined();
  });
});
