/**
 * Reads an easy-rsa 3 PKI folder (`pki/`): `ca.crt` + `private/ca.key`, the OpenSSL database `index.txt`
 * (status, revocation date and reason per serial), certificates from `issued/`, `certs_by_serial/` and
 * `revoked/certs_by_serial/`, keys from `private/` and `revoked/private_by_serial/`, the last `crl.pem` and
 * the `crlnumber` counter when the operator switched CRL numbering on (easy-rsa keeps none by default).
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { certificateDerFrom, summarizeCertificate } from '../pki';
import { readCrl } from '../pki/crl';
import { firstBlockOf } from '../pki/pem';
import { AppError, isAppError } from '../../../shared/ipc/error-codes';
import { parseIndexTxt, type IndexEntry } from './openssl-index';
import { DANGEROUS_readSourceKey, trackIfUnusableKey } from './source-key';
import {
  zeroSourceKeys,
  type ImportSource,
  type ReadSourceFile,
  type SourceCert,
  type SourceCrl,
  type SourceProblem,
} from './types';

interface FoundCert {
  item: string;
  der: Uint8Array;
  /** the name easy-rsa filed it under (build-*-full NAME), when known */
  name: string | null;
}

async function isDir(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isDirectory(),
    () => false,
  );
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    (s) => s.isFile(),
    () => false,
  );
}

async function filesIn(dir: string, ext: string): Promise<string[]> {
  if (!(await isDir(dir))) return [];
  return (await readdir(dir)).filter((n) => n.endsWith(ext)).sort();
}

export function serialKey(hex: string): string {
  return hex
    .replace(/[\s:]/g, '')
    .toLowerCase()
    .replace(/^0+(?=.)/, '');
}

/** The PKI folder itself, or an easy-rsa working folder holding `pki/`. */
async function pkiRoot(dir: string): Promise<string> {
  if (!(await isDir(dir))) throw new AppError('SOURCE_INVALID', `${dir} is not a folder`);
  if (await exists(join(dir, 'index.txt'))) return dir;
  if (await exists(join(dir, 'pki', 'index.txt'))) return join(dir, 'pki');
  throw new AppError(
    'SOURCE_INVALID',
    `${dir} is not an easy-rsa PKI folder: it has no index.txt (choose the pki folder made by "easyrsa init-pki")`,
  );
}

function certFrom(bytes: Uint8Array, item: string): Uint8Array {
  try {
    const der = certificateDerFrom(bytes);
    summarizeCertificate(der);
    return der;
  } catch (e) {
    throw new AppError('SOURCE_INVALID', `${item}: not a readable certificate (${(e as Error).message})`);
  }
}

async function collectCerts(root: string, read: ReadSourceFile): Promise<Map<string, FoundCert>> {
  const bySerial = new Map<string, FoundCert>();
  const add = async (rel: string, name: string | null): Promise<void> => {
    const der = certFrom(await read(join(root, rel), 'certificate'), rel);
    const key = serialKey(summarizeCertificate(der).serial);
    const known = bySerial.get(key);
    if (!known) bySerial.set(key, { item: rel, der, name });
    else if (name && !known.name) known.name = name;
  };
  for (const f of await filesIn(join(root, 'issued'), '.crt')) await add(`issued/${f}`, basename(f, '.crt'));
  for (const f of await filesIn(join(root, 'certs_by_serial'), '.pem'))
    await add(`certs_by_serial/${f}`, null);
  for (const dir of ['revoked/certs_by_serial', 'revoked/issued'])
    for (const f of await filesIn(join(root, dir), '.crt')) await add(`${dir}/${f}`, null);
  return bySerial;
}

async function readCrlState(
  root: string,
  read: ReadSourceFile,
  problems: SourceProblem[],
): Promise<SourceCrl[]> {
  if (!(await exists(join(root, 'crl.pem')))) return [];
  let der: Uint8Array;
  let number: bigint | null;
  try {
    der = firstBlockOf(await read(join(root, 'crl.pem'), 'CRL'), ['crl'], 'CRL');
    const n = readCrl(der).number;
    number = n === null ? null : BigInt(n);
  } catch (e) {
    throw new AppError('SOURCE_INVALID', `crl.pem: ${(e as Error).message}`);
  }
  if (await exists(join(root, 'crlnumber'))) {
    const text = new TextDecoder().decode(await read(join(root, 'crlnumber'), 'CRL number')).trim();
    if (/^[0-9A-Fa-f]{1,40}$/.test(text)) {
      // the file holds the NEXT number, in hex
      const last = BigInt(`0x${text}`) - 1n;
      if (number === null || last > number) number = last;
    } else
      problems.push({ item: 'crlnumber', message: `unreadable CRL counter "${text.slice(0, 40)}": ignored` });
  }
  return [{ item: 'crl.pem', der, lastNumber: number }];
}

/**
 * Reads the PKI at `dir`. `passphrase` opens encrypted keys: the CA key must open with it (else
 * KEY_DECRYPT_FAILED and nothing is read); a leaf key under another passphrase comes across as a note.
 */
export async function readEasyRsa(
  dir: string,
  read: ReadSourceFile,
  passphrase?: string,
): Promise<ImportSource> {
  const root = await pkiRoot(dir);
  const problems: SourceProblem[] = [];
  const source: ImportSource = { kind: 'easy-rsa', certs: [], crls: [], problems };
  try {
    if (!(await exists(join(root, 'ca.crt'))))
      throw new AppError(
        'SOURCE_INVALID',
        `${root} has no ca.crt: run "easyrsa build-ca" first, or choose another folder`,
      );
    const entries = parseIndexTxt(new TextDecoder().decode(await read(join(root, 'index.txt'), 'index.txt')));
    const caDer = certFrom(await read(join(root, 'ca.crt'), 'CA certificate'), 'ca.crt');
    const ca: SourceCert = {
      item: 'ca.crt',
      label: null,
      der: caDer,
      key: null,
      revocation: null,
      notes: [],
    };
    source.certs.push(ca);
    await attachKey(ca, 'private/ca.key', root, read, passphrase, true);

    const found = await collectCerts(root, read);
    const caSerial = serialKey(summarizeCertificate(caDer).serial);
    const listed = new Set<string>();
    for (const e of entries) {
      listed.add(e.serial);
      const f = found.get(e.serial);
      if (!f) {
        problems.push(missingCert(e));
        continue;
      }
      const cert: SourceCert = {
        item: f.item,
        label: f.name,
        der: f.der,
        key: null,
        revocation: e.revocation,
        notes: e.unrevoked ? ['index.txt marks it removeFromCRL: imported as not revoked'] : [],
      };
      source.certs.push(cert);
      const keyFile = f.name ? `private/${f.name}.key` : `revoked/private_by_serial/${e.serialText}.key`;
      await attachKey(cert, keyFile, root, read, passphrase, false);
    }
    for (const [serial, f] of found) {
      if (listed.has(serial) || serial === caSerial) continue;
      problems.push({ item: f.item, message: 'not listed in index.txt: imported without revocation state' });
      const cert: SourceCert = {
        item: f.item,
        label: f.name,
        der: f.der,
        key: null,
        revocation: null,
        notes: [],
      };
      source.certs.push(cert);
      if (f.name) await attachKey(cert, `private/${f.name}.key`, root, read, passphrase, false);
    }
    source.crls = await readCrlState(root, read, problems);
    return source;
  } catch (e) {
    zeroSourceKeys(source);
    throw e;
  }
}

function missingCert(e: IndexEntry): SourceProblem {
  const revoked = e.revocation
    ? ' It is revoked, but CertDesk lists revocations by certificate, so its serial will not be on CertDesk CRLs.'
    : '';
  return {
    item: `index.txt line ${e.line}`,
    message: `serial ${e.serial} (${e.subject}) has no certificate file in the PKI: not imported.${revoked}`,
  };
}

async function attachKey(
  cert: SourceCert,
  rel: string,
  root: string,
  read: ReadSourceFile,
  passphrase: string | undefined,
  isCa: boolean,
): Promise<void> {
  const path = join(root, rel);
  if (trackIfUnusableKey(cert)) return;
  if (!(await exists(path))) {
    if (isCa) cert.notes.push(`no ${rel}: the CA comes across without its key (it cannot issue)`);
    return;
  }
  let outcome;
  try {
    outcome = await DANGEROUS_readSourceKey(await read(path, 'private key'), passphrase, cert.der, rel);
  } catch (e) {
    if (isAppError(e)) throw e;
    throw new AppError('SOURCE_INVALID', `${rel}: ${(e as Error).message}`);
  }
  if (outcome.decryptFailed) {
    if (isCa) {
      throw new AppError(
        'KEY_DECRYPT_FAILED',
        passphrase === undefined
          ? `the CA key ${rel} is encrypted: give the PKI passphrase`
          : `the CA key ${rel} did not decrypt with the given passphrase (wrong passphrase?): nothing was imported`,
      );
    }
    cert.notes.push(`its key ${rel} did not decrypt with the PKI passphrase: certificate only`);
    return;
  }
  cert.key = outcome.key;
}
