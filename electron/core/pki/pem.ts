/** PEM/DER input splitting with clear INVALID_PEM errors for garbage and truncation. */
import { AppError, isAppError } from '../../../shared/ipc/error-codes';
import { children, readTlv } from './der';
import type { PemBlock, PemBlockType } from './types';

const LABEL_TYPE: Record<string, PemBlockType> = {
  CERTIFICATE: 'certificate',
  'TRUSTED CERTIFICATE': 'certificate',
  'X509 CERTIFICATE': 'certificate',
  'CERTIFICATE REQUEST': 'csr',
  'NEW CERTIFICATE REQUEST': 'csr',
  'X509 CRL': 'crl',
  'PRIVATE KEY': 'private-key',
  'ENCRYPTED PRIVATE KEY': 'encrypted-private-key',
  'RSA PRIVATE KEY': 'rsa-private-key',
  'EC PRIVATE KEY': 'ec-private-key',
  'PUBLIC KEY': 'public-key',
  PKCS12: 'pkcs12',
};

export function toPem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

/**
 * Guesses what a DER blob is from its shape. Throws INVALID_PEM if it is not one complete DER element.
 * Hand-written because @peculiar/x509 has no API that says what an unlabelled DER blob is.
 */
export function classifyDer(der: Uint8Array): PemBlockType {
  const top = readTlv(der, 0);
  if (top.tag !== 0x30)
    throw new AppError('INVALID_PEM', 'not DER: the input does not start with an ASN.1 SEQUENCE');
  if (top.end !== der.length)
    throw new AppError(
      'INVALID_PEM',
      `not DER: ${der.length - top.end} unexpected bytes after the first element`,
    );
  const kids = children(der, top);
  const [a, b, c] = kids;
  if (!a) return 'unknown';
  if (a.tag === 0x02) {
    const v = der[a.start];
    if (v === 3 && b?.tag === 0x30) return 'pkcs12';
    if (b?.tag === 0x30 && c?.tag === 0x04) return 'private-key';
    if (v === 0 && kids.length >= 9 && kids.every((k) => k.tag === 0x02)) return 'rsa-private-key';
    if (v === 1 && b?.tag === 0x04) return 'ec-private-key';
    return 'unknown';
  }
  if (a.tag === 0x30 && b?.tag === 0x03 && kids.length === 2) return 'public-key';
  if (a.tag === 0x30 && b?.tag === 0x04 && kids.length === 2) return 'encrypted-private-key';
  if (a.tag === 0x30 && b?.tag === 0x30 && c?.tag === 0x03) {
    const tbs = children(der, a);
    if (tbs.slice(2, 4).some((t) => t.tag === 0x17 || t.tag === 0x18)) return 'crl';
    if (tbs[0]?.tag === 0x02 && tbs.length === 4 && tbs[3]?.tag === 0xa0 && tbs[2]?.tag === 0x30)
      return 'csr';
    return 'certificate';
  }
  return 'unknown';
}

const BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END ([A-Z0-9 ]+)-----/g;

/**
 * Where the last END line ends: no block match extends past it. Scanning further would only retry every later
 * BEGIN line up to the end of the text, quadratic in hostile input (2 MB of BEGIN lines took minutes).
 */
function endOfLastEndLine(text: string): number {
  const last = text.lastIndexOf('-----END ');
  if (last < 0) return 0;
  const close = text.indexOf('-----', last + 9);
  return close < 0 ? last + 5 : close + 5;
}

function looksLikeText(b: Uint8Array): boolean {
  const head = Buffer.from(b.subarray(0, 256)).toString('latin1');
  return head.includes('-----BEGIN') || /^[\s\x20-\x7e]*$/.test(head);
}

/** Splits PEM text (or one DER blob) into typed blocks. INVALID_PEM on garbage or truncation. */
export function parsePemBundle(input: string | Uint8Array): PemBlock[] {
  if (input instanceof Uint8Array && !looksLikeText(input)) {
    if (input.length === 0) throw new AppError('INVALID_PEM', 'the input is empty');
    return [{ type: classifyDer(input), label: 'DER', der: input }];
  }
  const text = typeof input === 'string' ? input : Buffer.from(input).toString('utf8');
  if (text.trim().length === 0) throw new AppError('INVALID_PEM', 'the input is empty');
  const blocks: PemBlock[] = [];
  let consumed = 0;
  for (const m of text.slice(0, endOfLastEndLine(text)).matchAll(BLOCK)) {
    const [, begin = '', body = '', end = ''] = m;
    const n = blocks.length + 1;
    if (begin !== end)
      throw new AppError('INVALID_PEM', `PEM block ${n}: BEGIN ${begin} is closed by END ${end}`);
    if (text.slice(consumed, m.index).includes('-----BEGIN')) {
      throw new AppError('INVALID_PEM', `PEM block ${n}: a BEGIN line has no matching END line (truncated?)`);
    }
    // RFC 1421 encapsulated headers (Proc-Type/DEK-Info) mark legacy OpenSSL-encrypted keys.
    const lines = body.split(/\r?\n/).filter((l) => l.trim().length > 0 && !/^[A-Za-z-]+:/.test(l));
    const b64 = lines.join('').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(b64) || b64.length % 4 !== 0 || b64.length === 0) {
      throw new AppError('INVALID_PEM', `PEM block ${n} (${begin}): the body is not valid base64`);
    }
    const der = new Uint8Array(Buffer.from(b64, 'base64'));
    // A legacy-encrypted key body is ciphertext, not DER: trust its label.
    const legacyEncrypted = /Proc-Type:\s*4,ENCRYPTED/.test(body);
    const shape = legacyEncrypted ? 'unknown' : classifyDer(der);
    const type = LABEL_TYPE[begin] ?? shape;
    if ((type === 'certificate' || type === 'csr' || type === 'crl') && shape !== type) {
      throw new AppError(
        'INVALID_PEM',
        `PEM block ${n} is labelled ${begin} but does not contain a ${type === 'csr' ? 'certificate request' : type === 'crl' ? 'CRL' : 'certificate'}`,
      );
    }
    blocks.push({ type, label: begin, der });
    consumed = (m.index ?? 0) + m[0].length;
  }
  if (text.slice(consumed).includes('-----BEGIN')) {
    throw new AppError(
      'INVALID_PEM',
      `PEM block ${blocks.length + 1}: a BEGIN line has no matching END line (truncated?)`,
    );
  }
  if (blocks.length === 0)
    throw new AppError(
      'INVALID_PEM',
      'no PEM block found (expected -----BEGIN …----- / -----END …----- lines or DER bytes)',
    );
  return blocks;
}

/** The first certificate of a PEM/DER input, DER. INVALID_PEM when there is none. */
export function certificateDerFrom(input: string | Uint8Array): Uint8Array {
  const cert = parsePemBundle(input).find((b) => b.type === 'certificate');
  if (!cert) throw new AppError('INVALID_PEM', 'the input holds no certificate');
  return cert.der;
}

/** The first block of `type`, or INVALID_PEM naming what was expected. */
export function firstBlockOf(input: string | Uint8Array, types: PemBlockType[], what: string): Uint8Array {
  const block = parsePemBundle(input).find((b) => types.includes(b.type));
  if (!block) throw new AppError('INVALID_PEM', `the input holds no ${what}`);
  return block.der;
}

/** Exactly the blocks with `label`; throws INVALID_PEM naming `what` when there are none or the text is damaged. */
export function pemBlocksOf(text: string, label: string, what: string): Uint8Array[] {
  let blocks: PemBlock[];
  try {
    blocks = parsePemBundle(text);
  } catch (e) {
    // text without any PEM block gets the message below; a damaged block says what is wrong with it
    if (isAppError(e) && text.includes('-----BEGIN'))
      throw new AppError('INVALID_PEM', `${what}: ${e.message}`);
    blocks = [];
  }
  const ders = blocks.filter((b) => b.label === label).map((b) => b.der);
  if (ders.length === 0) throw new AppError('INVALID_PEM', `${what}: no "${label}" PEM block found`);
  return ders;
}
