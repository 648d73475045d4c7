/**
 * Test-only: CAs that openssl writes under one displayed name, "CN=Corp CA", in a fixture's folder. Free of any
 * test runner, so the vitest service tests and the Playwright specs build them alike.
 */
import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { opensslIn } from './service-fixture';

/**
 * openssl's `string_mask` picks the string type of the names it writes: `nombstr` gives PrintableString for
 * "Corp CA", `utf8only` UTF8String. Both display as CN=Corp CA. Writes `<name>.cnf` in `dir` with extensions
 * for a CA (`ca`) and a TLS server leaf (`leaf`). `cn` is the name's CN, "Corp CA" by default.
 */
export function writeCorpConfig(
  dir: string,
  name: string,
  mask: 'nombstr' | 'utf8only',
  cn = 'Corp CA',
): void {
  writeFileSync(
    path.join(dir, `${name}.cnf`),
    [
      '[req]',
      'distinguished_name = dn',
      'prompt = no',
      `string_mask = ${mask}`,
      '[dn]',
      `CN = ${cn}`,
      '[leaf]',
      'basicConstraints = critical,CA:FALSE',
      'keyUsage = critical,digitalSignature',
      'extendedKeyUsage = serverAuth',
      'subjectAltName = DNS:svc.example.test',
      'authorityKeyIdentifier = keyid',
      '[ca]',
      'basicConstraints = critical,CA:TRUE',
      'keyUsage = critical,keyCertSign,cRLSign',
      'subjectKeyIdentifier = hash',
      'authorityKeyIdentifier = keyid',
      '',
    ].join('\n'),
  );
}

/**
 * openssl writes, in `dir`, a self-signed root "CN=Corp CA" (`<name>.crt`, `<name>.key`, `<name>.cnf`) whose
 * name has the string type of `mask`, with an EC key on `key` (default prime256v1; secp521r1 is a key CertDesk
 * cannot sign with, so importers bring such a CA across as tracked) or a DSA key (whose signatures CertDesk
 * cannot verify either).
 */
export function writeCorpRoot(
  dir: string,
  name: string,
  mask: 'nombstr' | 'utf8only',
  serial: number,
  key: 'prime256v1' | 'secp521r1' | 'dsa' = 'prime256v1',
): void {
  const sh = opensslIn(dir);
  writeCorpConfig(dir, name, mask);
  sh(
    key === 'dsa'
      ? ['dsaparam', '-genkey', '-noout', '-out', `${name}.key`, '2048']
      : ['ecparam', '-name', key, '-genkey', '-noout', '-out', `${name}.key`],
  );
  const req = ['req', '-x509', '-new', '-config', `${name}.cnf`, '-extensions', 'ca', '-key', `${name}.key`];
  sh([...req, '-days', '365', '-set_serial', String(serial), '-out', `${name}.crt`]);
}

/**
 * openssl writes, in `dir`, a root "CN=Corp CA" (PrintableString, root.key) and an intermediate "CN=Corp CA"
 * (inter.key) that the root signed: with `interMask` utf8only its subject is a UTF8String, so its issuer and
 * subject display alike and differ in bytes; with nombstr they are the same bytes (a self-issued certificate
 * of the CA's new key signed by its old one, as in a key rollover). Either way it is a link of its leaves'
 * paths, not their end.
 */
export function writeCorpCa(dir: string, interMask: 'nombstr' | 'utf8only'): void {
  const sh = opensslIn(dir);
  writeCorpRoot(dir, 'root', 'nombstr', 1);
  writeCorpConfig(dir, 'inter', interMask);
  sh(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', 'inter.key']);
  sh(['req', '-new', '-config', 'inter.cnf', '-key', 'inter.key', '-out', 'inter.csr']);
  const inter = ['x509', '-req', '-in', 'inter.csr', '-CA', 'root.crt', '-CAkey', 'root.key'];
  sh([
    ...inter,
    '-set_serial',
    '2',
    '-days',
    '200',
    '-extfile',
    'inter.cnf',
    '-extensions',
    'ca',
    '-out',
    'inter.crt',
  ]);
  // the premise: one name, the issuer a PrintableString, the subject of the chosen type
  const subjectType = interMask === 'utf8only' ? 'UTF8STRING' : 'PRINTABLESTRING';
  const parsed = sh(['asn1parse', '-in', 'inter.crt']);
  if (!new RegExp(`PRINTABLESTRING +:Corp CA[\\s\\S]*${subjectType} +:Corp CA`).test(parsed))
    throw new Error(`openssl did not write the names this fixture is about:\n${parsed}`);
}

/**
 * openssl writes, in `dir`, `<name>.crt`: a CA "CN=<cn>" (UTF8String) that the CA `<parent>.crt` (key
 * `<parent>.key`) signed, on the key `<key>.key` (default `<name>.key`, made when absent, so that two
 * certificates of one CA key can be signed by different CAs), with `<name>.cnf` for what it signs in turn.
 */
export function writeCorpIntermediate(
  dir: string,
  name: string,
  cn: string,
  parent: string,
  serial: number,
  key = name,
): void {
  const sh = opensslIn(dir);
  writeCorpConfig(dir, name, 'utf8only', cn);
  if (!existsSync(path.join(dir, `${key}.key`)))
    sh(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${key}.key`]);
  sh(['req', '-new', '-config', `${name}.cnf`, '-key', `${key}.key`, '-out', `${name}.csr`]);
  const sign = ['x509', '-req', '-in', `${name}.csr`, '-CA', `${parent}.crt`, '-CAkey', `${parent}.key`];
  sh([
    ...sign,
    '-set_serial',
    String(serial),
    '-days',
    '200',
    '-extfile',
    `${name}.cnf`,
    '-extensions',
    'ca',
    '-out',
    `${name}.crt`,
  ]);
}

/**
 * openssl writes `<leaf>.crt` in `dir`: a TLS server certificate for svc.example.test that the CA `<ca>.crt`
 * (key `<ca>.key`) signed, its issuer name copied from that CA's subject bytes.
 */
export function writeCorpLeaf(dir: string, leaf: string, ca: string, serial: number): void {
  const sh = opensslIn(dir);
  sh(['ecparam', '-name', 'prime256v1', '-genkey', '-noout', '-out', `${leaf}.key`]);
  sh(['req', '-new', '-key', `${leaf}.key`, '-subj', '/CN=svc.example.test', '-out', `${leaf}.csr`]);
  const sign = ['x509', '-req', '-in', `${leaf}.csr`, '-CA', `${ca}.crt`, '-CAkey', `${ca}.key`];
  sh([
    ...sign,
    '-set_serial',
    String(serial),
    '-days',
    '90',
    '-extfile',
    `${ca}.cnf`,
    '-extensions',
    'leaf',
    '-out',
    `${leaf}.crt`,
  ]);
}

/**
 * openssl writes `<ca>.crl` in `dir`: an empty CRL with the number `crlNumber` that the CA `<ca>.crt` (key
 * `<ca>.key`) signed, as `openssl ca -gencrl` does in an easy-rsa PKI (its issuer copied from the CA's subject).
 */
export function writeCorpCrl(dir: string, ca: string, crlNumber: number): void {
  const sh = opensslIn(dir);
  writeFileSync(path.join(dir, `${ca}-crl.index`), '');
  // openssl reads the number in hex from the crlnumber file
  writeFileSync(path.join(dir, `${ca}-crl.number`), `${crlNumber.toString(16).padStart(2, '0')}\n`);
  writeFileSync(
    path.join(dir, `${ca}-crl.cnf`),
    [
      '[ca]',
      'default_ca = corp',
      '[corp]',
      `database = ${ca}-crl.index`,
      `crlnumber = ${ca}-crl.number`,
      'default_md = sha256',
      'default_crl_days = 30',
      '',
    ].join('\n'),
  );
  const gen = ['ca', '-batch', '-gencrl', '-config', `${ca}-crl.cnf`, '-cert', `${ca}.crt`];
  sh([...gen, '-keyfile', `${ca}.key`, '-out', `${ca}.crl`]);
}
