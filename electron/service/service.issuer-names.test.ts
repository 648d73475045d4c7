import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { certificateDerFrom } from '../core/pki';
import { readCert } from '../core/pki/cert-raw';
import { readCrl } from '../core/pki/crl';
import { makeFixture, PASSPHRASE, type Fixture } from './testing/service-fixture';

let fixtures: Fixture[] = [];
afterEach(async () => {
  for (const f of fixtures.reverse()) await f.cleanup().catch(() => undefined);
  fixtures = [];
});

const openssl = (args: string[], cwd: string): string =>
  execFileSync('openssl', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/**
 * CAs whose subject uses each string type a foreign CA may carry. openssl's `string_mask` picks the type:
 * `utf8only` → UTF8String, `default` → PrintableString where the characters allow it, `nombstr` →
 * T61String for characters outside PrintableString (here `_` and `@`).
 */
const VARIANTS = [
  { mask: 'utf8only', cn: 'utf8 root', org: 'Zürich Ops', asn1: 'UTF8STRING' },
  { mask: 'default', cn: 'printable root', org: 'Acme Ops', asn1: 'PRINTABLESTRING' },
  { mask: 'nombstr', cn: 'ops_root@acme', org: 'Acme Ops', asn1: 'T61STRING' },
] as const;

function makeCa(dir: string, v: (typeof VARIANTS)[number]): void {
  writeFileSync(
    path.join(dir, `${v.mask}.cnf`),
    [
      '[req]',
      'distinguished_name = dn',
      'prompt = no',
      `string_mask = ${v.mask}`,
      'utf8 = yes',
      '[dn]',
      `O = ${v.org}`,
      `CN = ${v.cn}`,
      '[v3]',
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
      '',
    ].join('\n'),
  );
  openssl(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${v.mask}.key`], dir);
  openssl(
    [
      'req',
      '-x509',
      '-new',
      '-config',
      `${v.mask}.cnf`,
      '-extensions',
      'v3',
      '-key',
      `${v.mask}.key`,
      '-days',
      '365',
      '-out',
      `${v.mask}.crt`,
    ],
    dir,
  );
}

describe('issuer names stay byte-identical to the CA subject, whatever string type the CA uses', () => {
  it.each(VARIANTS)(
    'a CA imported with $asn1 names signs certificates and CRLs with its exact subject',
    async (v) => {
      const fx = await makeFixture();
      fixtures.push(fx);
      await fx.call('vault:create', { passphrase: PASSPHRASE });
      makeCa(fx.dir, v);
      expect(openssl(['asn1parse', '-in', `${v.mask}.crt`], fx.dir)).toMatch(new RegExp(`prim: ${v.asn1} `));
      const ca = await fx.call('ca:import', {
        certGrant: fx.grant(path.join(fx.dir, `${v.mask}.crt`), 'read-file'),
        keyGrant: fx.grant(path.join(fx.dir, `${v.mask}.key`), 'read-file'),
      });
      const leaf = await fx.call('certs:issue', {
        caId: ca.id,
        profile: 'server',
        subject: { cn: 'api' },
        sans: [{ type: 'dns', value: 'api.internal' }],
      });
      await fx.call('certs:revoke', { id: leaf.summary.id, reason: 'superseded' });
      const crl = await fx.call('crl:generate', { caId: ca.id });

      const caSubject = readCert(
        certificateDerFrom(readFileSync(path.join(fx.dir, `${v.mask}.crt`), 'utf8')),
      ).subject;
      const leafDer = certificateDerFrom(leaf.pem);
      expect(Buffer.from(readCert(leafDer).issuer).equals(Buffer.from(caSubject))).toBe(true);
      const crlDer = new Uint8Array(
        Buffer.from(crl.pem.replace(/-----[A-Z0-9 ]+-----/g, '').replace(/\s+/g, ''), 'base64'),
      );
      expect(Buffer.from(readCrl(crlDer).issuer).equals(Buffer.from(caSubject))).toBe(true);

      // openssl agrees: the leaf chains to the imported CA, and the CRL is found for it and lists the leaf
      writeFileSync(path.join(fx.dir, 'leaf.pem'), leaf.pem);
      writeFileSync(path.join(fx.dir, 'ca.crl'), crl.pem);
      expect(openssl(['verify', '-CAfile', `${v.mask}.crt`, 'leaf.pem'], fx.dir)).toContain('leaf.pem: OK');
      const withCrl = spawnSync(
        'openssl',
        ['verify', '-crl_check', '-CRLfile', 'ca.crl', '-CAfile', `${v.mask}.crt`, 'leaf.pem'],
        { cwd: fx.dir, encoding: 'utf8' },
      );
      expect(withCrl.status).not.toBe(0);
      expect(`${withCrl.stdout}${withCrl.stderr}`).toContain('certificate revoked');
    },
  );
});
