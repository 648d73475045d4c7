import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { summarizeCertificate } from '../pki';
import { zeroSourceKeys } from './types';
import { readXca } from './xca';

const FIXTURES = path.join(__dirname, 'fixtures/xca');
const PASSWORD = readFileSync(path.join(FIXTURES, 'password.txt'), 'utf8').split('\n')[0]!;

describe('readXca', () => {
  it('tracks a DSA CA whose key the database does not hold, by the key type its certificate carries', async () => {
    const file = path.join(FIXTURES, 'keyless-dsa-ca.xdb');
    const source = await readXca(new Uint8Array(readFileSync(file)), file, PASSWORD);
    zeroSourceKeys(source);
    const ca = source.certs.find((c) => summarizeCertificate(c.der).cn === 'XCA DSA CA')!;
    expect(ca.key).toBeNull();
    expect(ca.tracked).toBe(true);
    expect(ca.notes).toEqual([
      'its dsa key cannot sign in CertDesk (supported: EC P-256/P-384, RSA 2048/3072/4096 and Ed25519): tracked for expiry only',
    ]);
    // the EC certificates under it have usable keys of their own: their issuer decides (in the import plan)
    const others = source.certs.filter((c) => c !== ca);
    expect(others.map((c) => [summarizeCertificate(c.der).cn, c.tracked ?? false, c.key !== null])).toEqual([
      ['XCA DSA Sub CA', false, true],
      ['dsa-ca-leaf.example.test', false, true],
      ['dsa-sub-leaf.example.test', false, true],
    ]);
  });
});
