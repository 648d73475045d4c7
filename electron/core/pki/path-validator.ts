/**
 * The one path validator. Every verdict the product shows (chain view, inventory status, dashboard
 * counts, export, the mTLS pre-check, issuance refusals) comes from `validatePath`, so no two screens can
 * disagree. The rules and their order are documented in docs/architecture.md; per link they are:
 * signature, validity at the given clock, CA flag, key usage, pathLen of every ancestor, name constraints
 * of every ancestor, EKU for the purpose, revocation, and for the last link the trust anchor.
 */
import { createHash } from 'node:crypto';
import type { ChainCheck, ChainLink, San } from '../../../shared/domain/types';
import { serialOctets, type RawCert } from './cert-raw';
import { crlSignedBy, readCrl, type RawCrl } from './crl';
import { bytesEqual } from './der';
import { decodeNameConstraints } from './ext-decode';
import { OID } from './extensions';
import { formatSubject } from './names';
import { constrainedNames, sanConstraintViolation } from './name-constraints';
import { EKU_NAMES } from './profiles';
import { parsedCert, parsedCertTransient, type ParsedCert } from './parsed-cert';
import { serialValue } from './serial';
import type { ChainResult, KnownCa, RevocationRecord, SignatureVouches, VerifyChainOptions } from './types';
import { verifySignature } from './verify-sig';

const MAX_DEPTH = 8;
const ANY_EKU = '2.5.29.37.0';

/** Signature checks are the expensive part of a verdict; a list of thousands re-validates often. */
const signatureCache = new WeakMap<Uint8Array, WeakMap<Uint8Array, boolean>>();
const crlCache = new WeakMap<Uint8Array, RawCrl>();
const crlSignatureCache = new WeakMap<RawCrl, WeakMap<Uint8Array, boolean>>();

function crlFrom(parent: ParsedCert, crl: RawCrl): boolean {
  if (!bytesEqual(crl.issuer, parent.raw.subject)) return false;
  let byIssuer = crlSignatureCache.get(crl);
  if (!byIssuer) crlSignatureCache.set(crl, (byIssuer = new WeakMap()));
  let ok = byIssuer.get(parent.raw.der);
  if (ok === undefined) byIssuer.set(parent.raw.der, (ok = crlSignedBy(crl, parent.raw.der)));
  return ok;
}

/**
 * Signatures this process verified OK, by the child's DER buffer: the SHA-256 of the certificate whose key
 * verified it. What the service records in its vault so a later unlock need not verify again.
 */
const verifiedSigners = new WeakMap<Uint8Array, string>();

/**
 * Whether `parent`'s key verifies `child`'s signature. A caller's vouch stands in for the verification only
 * when it names exactly this parent; a vouch is neither cached nor recorded as a verification, and a
 * signature that failed verification stays failed whatever is vouched.
 */
function signedBy(child: RawCert, parent: ParsedCert, vouches: SignatureVouches | undefined): boolean {
  const byParent = signatureCache.get(child.der);
  const known = byParent?.get(parent.raw.der);
  if (known !== undefined) return known;
  // Checked before anything is cached: a list after unlock takes most signatures on the vault's word.
  if (vouches?.(child.der) === parent.sha256) return true;
  const ok = verifySignature(
    child.tbs,
    child.sigAlgOid,
    child.signature,
    parent.raw.spki,
    child.sigAlgParams,
  );
  if (byParent) byParent.set(parent.raw.der, ok);
  else signatureCache.set(child.der, new WeakMap([[parent.raw.der, ok]]));
  if (ok) verifiedSigners.set(child.der, parent.sha256);
  return ok;
}

/**
 * RFC 5280 §6.1 "self-issued": issuer and subject names are the same bytes. Such a certificate may still be
 * signed by another key of a CA of that name (a key rollover): only a self-signed one ends a path.
 */
const selfIssued = (c: RawCert): boolean => bytesEqual(c.subject, c.issuer);

/** Self-issued and verified by its own key: a certificate no other certificate issued, whatever path it is on. */
const selfSignedCert = (c: ParsedCert, vouches: SignatureVouches | undefined): boolean =>
  selfIssued(c.raw) && signedBy(c.raw, c, vouches);

/**
 * Whether `certDer` is self-signed (see selfSignedCert): what no CA's revocation records or CRL can cover.
 * `certDer` stays parsed, like issuedByCa's.
 */
export function isSelfSigned(certDer: Uint8Array, vouches?: SignatureVouches): boolean {
  return selfSignedCert(parsedCert(certDer), vouches);
}

/** The child names the parent as its issuer: issuer name = subject, byte for byte, and AKI = SKI when both exist. */
function namedIssuer(child: ParsedCert, parent: ParsedCert): boolean {
  if (!bytesEqual(child.raw.issuer, parent.raw.subject)) return false;
  const akiId = child.authorityKeyId;
  const skiId = akiId ? parent.subjectKeyId : null;
  return !(akiId && skiId && !bytesEqual(akiId, skiId));
}

function issuedBy(child: ParsedCert, parent: ParsedCert, vouches: SignatureVouches | undefined): boolean {
  return namedIssuer(child, parent) && signedBy(child.raw, parent, vouches);
}

/**
 * Whether `certDer` names the CA certificate `caDer` as its issuer (name bytes, key identifier) without checking
 * the signature: only for a certificate whose signature no known CA verifies (e.g. a DSA one), where the name
 * is all there is to go by. Anything that decides trust asks issuedByCa.
 */
export function namesAsIssuer(certDer: Uint8Array, caDer: Uint8Array): boolean {
  return namedIssuer(parsedCert(certDer), parsedCert(caDer));
}

/**
 * Whether the CA certificate `caDer` issued `certDer`: its subject is the issuer name, its SKI the AKI when
 * both exist, and its key verifies the signature. Two certificates of one CA key and name both answer yes.
 * `certDer` stays parsed (callers ask about revoked certificates, on every list).
 */
export function issuedByCa(certDer: Uint8Array, caDer: Uint8Array, vouches?: SignatureVouches): boolean {
  return issuedBy(parsedCert(certDer), parsedCert(caDer), vouches);
}

/**
 * Whether two CA certificates have the same subject name bytes and the same public key (a CA certificate
 * re-issued for its key): a signature one's key verifies, the other's does too. Reads the two CAs only.
 */
export function sameKeyAndName(caDer: Uint8Array, otherDer: Uint8Array): boolean {
  const a = parsedCert(caDer).raw;
  const b = parsedCert(otherDer).raw;
  return bytesEqual(a.subject, b.subject) && bytesEqual(a.spki, b.spki);
}

/**
 * The issuer path (leaf first) through `knownCas` by name, key identifier and signature, taking the first
 * issuer found. validatePath, which knows the clock, prefers an issuer valid at it, so where a CA certificate
 * was re-issued for the same key and name the two can take different copies.
 */
export function buildPath(
  certDer: Uint8Array,
  knownCas: readonly KnownCa[],
  /** signatures the caller vouches for (see VerifyChainOptions.vouchedSigners); default none */
  vouches?: SignatureVouches,
): Uint8Array[] {
  return pathFrom(parsedCert(certDer), knownCas, vouches);
}

/** False for a certificate whose times cannot be read (their Invalid Dates compare false). */
const validAt = (c: ParsedCert, now: Date): boolean => c.raw.notBefore <= now && now <= c.raw.notAfter;

/**
 * The known CAs parsed, by the caller's array: a list validates every certificate against the same array.
 * Reused only while the array still holds the same DER buffers in the same order.
 */
const parsedCasOf = new WeakMap<readonly KnownCa[], ParsedCert[]>();
function parsedCas(knownCas: readonly KnownCa[]): ParsedCert[] {
  const last = parsedCasOf.get(knownCas);
  if (last?.length === knownCas.length && last.every((c, i) => c.raw.der === knownCas[i]?.der)) return last;
  const cas = knownCas.map((k) => parsedCert(k.der));
  parsedCasOf.set(knownCas, cas);
  return cas;
}

function onPath(path: readonly Uint8Array[], der: Uint8Array): boolean {
  for (const p of path) if (bytesEqual(p, der)) return true;
  return false;
}

function pathFrom(
  cert: ParsedCert,
  knownCas: readonly KnownCa[],
  vouches: SignatureVouches | undefined,
  /**
   * When given, an issuer valid at this clock is taken before an earlier one that is not, as OpenSSL's issuer
   * lookup does: a CA certificate re-issued for the same key and name replaces the one that expired.
   */
  now?: Date,
  /** collects the issuers passed over for not being valid at `now` (a later clock may choose them) */
  passedOver?: ParsedCert[],
): Uint8Array[] {
  const cas = parsedCas(knownCas);
  const path: Uint8Array[] = [cert.raw.der];
  let current = cert;
  // A self-issued certificate another key of its CA signed (a rollover) has its issuer on the path, as for
  // openssl and Go; only a self-signed one ends it.
  while (!selfSignedCert(current, vouches) && path.length < MAX_DEPTH) {
    let parent: ParsedCert | undefined;
    let firstInvalid: ParsedCert | undefined;
    for (const c of cas) {
      if (onPath(path, c.raw.der) || !issuedBy(current, c, vouches)) continue;
      if (!now || validAt(c, now)) {
        parent = c;
        break;
      }
      firstInvalid ??= c;
      passedOver?.push(c);
    }
    parent ??= firstInvalid;
    if (!parent) break;
    path.push(parent.raw.der);
    current = parent;
  }
  return path;
}

/**
 * The SHA-256 (lower-case hex) of the certificate whose key verifies `certDer`'s signature: its issuer among
 * `knownCas` as path building finds it, or the certificate itself when it is self-signed; undefined when
 * none does. Always verifies (or reuses this process's verification): this is how a vouch is earned.
 */
export function verifiedSigner(certDer: Uint8Array, knownCas: readonly KnownCa[]): string | undefined {
  const path = buildPath(certDer, knownCas);
  if (path.length > 1) return parsedCert(path[1]!).sha256;
  const cert = parsedCert(certDer);
  return selfSignedCert(cert, undefined) ? cert.sha256 : undefined;
}

/** The signer this process has already verified for `certDer` (see verifiedSigner), without verifying. */
export function signerVerifiedSoFar(certDer: Uint8Array): string | undefined {
  return verifiedSigners.get(certDer);
}

const check = (kind: ChainCheck['check'], ok: boolean, message: string): ChainCheck => ({
  check: kind,
  ok,
  message,
});

/** The name-constraint finding of CA `ca` on every certificate below it (self-issued CAs excepted). */
function nameConstraintCheck(ca: ParsedCert, below: ParsedCert[]): ChainCheck | null {
  const ncValue = ca.ext(OID.nameConstraints);
  if (!ncValue) return null;
  const nc = decodeNameConstraints(ncValue);
  for (const [k, c] of below.entries()) {
    if (k > 0 && selfIssued(c.raw)) continue;
    const names: San[] = constrainedNames(c.sans, c.commonName, k === 0);
    const violation = sanConstraintViolation(nc, names);
    if (violation) {
      const viaCn = !c.sans.some((s) => s.type === 'dns') && names.some((s) => s.type === 'dns');
      const who = k === 0 ? '' : ` (in "${c.subject}")`;
      const cnNote = viaCn ? ' (the CN, checked as a host name because there is no DNS SAN)' : '';
      return check('name-constraints', false, `${violation}${who}${cnNote}`);
    }
  }
  return check('name-constraints', true, 'all names inside the permitted subtrees');
}

/** Serials as integers, the way revocation records are keyed; by certificate DER buffer. */
const serialValues = new WeakMap<Uint8Array, bigint>();
function serialOf(der: Uint8Array, parsed?: ParsedCert): bigint {
  let serial = serialValues.get(der);
  if (serial === undefined)
    serialValues.set(der, (serial = serialValue(parsed ? parsed.raw.serial : serialOctets(der))));
  return serial;
}

/** The low 32 bits of a serial's value (serialValue reads the octets unsigned): its last four octets. */
function low32(octets: Uint8Array): number {
  let bits = 0;
  for (let i = Math.max(0, octets.length - 4); i < octets.length; i++)
    bits = ((bits << 8) | octets[i]!) >>> 0;
  return bits;
}

/** The low 32 bits of every serial a revocation map holds, by map (they are built once per list or CRL). */
const lowBitsByMap = new WeakMap<ReadonlyMap<bigint, unknown>, Set<number>>();
function lowBitsOf(bySerial: ReadonlyMap<bigint, unknown>): Set<number> {
  let bits = lowBitsByMap.get(bySerial);
  if (!bits) {
    bits = new Set([...bySerial.keys()].map((s) => Number(BigInt.asUintN(32, s))));
    lowBitsByMap.set(bySerial, bits);
  }
  return bits;
}

/**
 * What a revocation map is asked first about `der`: the serial's value when this process already has it (as
 * serialOf), else the low 32 bits of its octets, so that most certificates under a CA that revoked a few are
 * ruled out without making their serial an integer (at 100,000 certificates, most of a list's lookups).
 */
function serialHint(der: Uint8Array, parsed?: ParsedCert): bigint | number {
  return serialValues.get(der) ?? low32(parsed ? parsed.raw.serial : serialOctets(der));
}

/** Whether `bySerial` may hold the serial `hint` stands for (see serialHint): a yes is confirmed by serialOf. */
function mayHold(bySerial: ReadonlyMap<bigint, unknown>, hint: bigint | number): boolean {
  return typeof hint === 'bigint' ? bySerial.has(hint) : lowBitsOf(bySerial).has(hint);
}

function revocationCheck(
  c: ParsedCert,
  parent: ParsedCert,
  crls: RawCrl[],
  vaultRecords: VerifyChainOptions['revoked'],
): ChainCheck {
  const byParent = vaultRecords?.get(parent.sha256);
  // Most leaves have no record under their parent and no CRL from it: their serial need not be read.
  if (!byParent && !crls.some((l) => bytesEqual(l.issuer, parent.raw.subject)))
    return check('revocation', true, 'not revoked');
  // openssl verify -crl_check fails such a certificate: "format error in CRL's lastUpdate field"
  const unreadable = crls.find((l) => l.timeError !== null && crlFrom(parent, l));
  if (unreadable)
    return check(
      'revocation',
      false,
      `the CRL of "${parent.subject}" cannot be read: ${unreadable.timeError}`,
    );
  const fromParent = crls.filter((l) => bytesEqual(l.issuer, parent.raw.subject)).map((l) => l.bySerial);
  const hint = serialHint(c.raw.der, c);
  if (!(byParent && mayHold(byParent, hint)) && !fromParent.some((m) => mayHold(m, hint)))
    return check('revocation', true, 'not revoked');
  const serial = serialOf(c.raw.der, c);
  const fromVault: RevocationRecord | undefined = byParent?.get(serial);
  const listed = crls.find((l) => l.bySerial.has(serial) && crlFrom(parent, l))?.bySerial.get(serial);
  const at = fromVault?.at ?? listed?.date.toISOString();
  const reason = fromVault?.reason ?? listed?.reason ?? null;
  if (at === undefined) return check('revocation', true, 'not revoked');
  return check('revocation', false, `revoked on ${at}${reason ? ` (${reason})` : ''}`);
}

function ekuCheck(c: ParsedCert, purpose: 'serverAuth' | 'clientAuth', isLeaf: boolean): ChainCheck | null {
  if (!isLeaf && c.ekus === null) return null;
  const want = EKU_NAMES[purpose] ?? '';
  const fits = c.ekus === null || c.ekus.includes(want) || c.ekus.includes(ANY_EKU);
  const message =
    c.ekus === null
      ? 'no EKU (Go accepts it for any purpose)'
      : fits
        ? `${purpose} allowed`
        : `EKU does not include ${purpose}`;
  return check('eku', fits, message);
}

function linkChecks(certs: ParsedCert[], i: number, opts: VerifyChainOptions, crls: RawCrl[]): ChainCheck[] {
  const c = certs[i]!;
  const parent = certs[i + 1];
  const purpose = opts.purpose ?? 'any';
  const checks: ChainCheck[] = [];
  if (parent) checks.push(check('signature', true, `signed by ${parent.subject}`));
  else if (selfIssued(c.raw)) {
    const ok = signedBy(c.raw, c, opts.vouchedSigners);
    checks.push(check('signature', ok, ok ? 'valid self-signature' : 'the self-signature does not verify'));
  } else
    checks.push(
      check(
        'signature',
        false,
        `issuer "${formatSubject(c.raw.issuer)}" not found among the known CAs (or its signature does not verify)`,
      ),
    );
  const at = opts.now.getTime();
  // openssl verify fails such a link with "format error in certificate's notBefore field"
  if (c.raw.timeError !== null) checks.push(check('validity', false, c.raw.timeError));
  else if (at < c.raw.notBefore.getTime())
    checks.push(check('validity', false, `not valid before ${c.raw.notBefore.toISOString()}`));
  else if (at > c.raw.notAfter.getTime())
    checks.push(check('validity', false, `expired on ${c.raw.notAfter.toISOString()}`));
  else checks.push(check('validity', true, `valid until ${c.raw.notAfter.toISOString()}`));
  if (i > 0) {
    const isCa = c.basicConstraints.ca;
    const caMessage = 'not a CA (BasicConstraints cA false or missing): it may not issue certificates';
    checks.push(check('ca-flag', isCa, isCa ? 'CA:TRUE' : caMessage));
    if (!c.keyUsage)
      checks.push(
        check('key-usage', true, 'no KeyUsage extension (accepted; openssl -x509_strict rejects it)'),
      );
    else {
      const ok = c.keyUsage.includes('keyCertSign');
      checks.push(check('key-usage', ok, ok ? 'keyCertSign allowed' : 'KeyUsage lacks keyCertSign'));
    }
    // CAs strictly between this one and the leaf that are not self-issued (RFC 5280 §6.1.4 (l))
    const below = certs.slice(1, i).filter((x) => !selfIssued(x.raw)).length;
    const pathLen = c.basicConstraints.pathLen;
    if (pathLen !== null)
      checks.push(check('path-len', below <= pathLen, `${below} CA(s) below, pathLen ${pathLen}`));
    const nc = nameConstraintCheck(c, certs.slice(0, i));
    if (nc) checks.push(nc);
  }
  if (i === 0 && purpose !== 'any' && c.keyUsage) {
    // TLS needs a key usage for the handshake signature (or RSA key exchange / ECDH in TLS 1.2)
    const ku = c.keyUsage;
    const fits =
      ku.includes('digitalSignature') || ku.includes('keyEncipherment') || ku.includes('keyAgreement');
    const message = fits
      ? `key usage fits ${purpose}`
      : `KeyUsage (${ku.join(', ')}) allows no TLS handshake`;
    checks.push(check('key-usage', fits, message));
  }
  if (purpose !== 'any') {
    const eku = ekuCheck(c, purpose, i === 0);
    if (eku) checks.push(eku);
  }
  if (parent) checks.push(revocationCheck(c, parent, crls, opts.revoked));
  if (i === certs.length - 1) {
    const known = opts.knownCas.find((k) => bytesEqual(k.der, c.raw.der));
    const trusted = selfIssued(c.raw) && (known ? (known.trusted ?? true) : false);
    const message = trusted
      ? 'trusted root'
      : selfIssued(c.raw)
        ? 'self-signed but not among the trusted CAs'
        : 'the chain does not reach a trusted root';
    checks.push(check('trust', trusted, message));
  }
  return checks;
}

const crlDigests = new WeakMap<Uint8Array, string>();

/**
 * A digest of the options `validatePath` reads for every certificate alike: the known CAs (content, trust
 * flag, id, in order) and the CRLs (content). Two calls with equal digests, purpose, vouches along the path
 * and `revocationsAlong` the path, and a clock inside the same `ChainResult.steady`, give the same verdict: what a
 * caller may key a remembered verdict on.
 */
export function verdictInputsDigest(opts: Pick<VerifyChainOptions, 'knownCas' | 'crls'>): string {
  const h = createHash('sha256');
  for (const k of opts.knownCas)
    h.update(`ca ${parsedCert(k.der).sha256} ${k.trusted ?? true} ${JSON.stringify(k.id)}\n`);
  for (const der of opts.crls ?? []) {
    let digest = crlDigests.get(der);
    if (!digest) crlDigests.set(der, (digest = createHash('sha256').update(der).digest('hex')));
    h.update(`crl ${digest}\n`);
  }
  return h.digest('hex');
}

/**
 * The revocation records (VerifyChainOptions.revoked) a verdict on `path` reads, as text: one record per
 * link below the top, empty when none. Revoking one certificate so changes the verdicts of its own paths only.
 */
export function revocationsAlong(
  path: readonly Uint8Array[],
  revoked: VerifyChainOptions['revoked'],
): string {
  if (!revoked || revoked.size === 0) return '';
  let out = '';
  for (let i = 0; i + 1 < path.length; i++) {
    const der = path[i]!;
    const bySerial = revoked.get(parsedCert(path[i + 1]!).sha256);
    if (!bySerial || !mayHold(bySerial, serialHint(der))) continue;
    const record = bySerial.get(serialOf(der));
    if (record) out += `${i} ${record.at} ${record.reason}\n`;
  }
  return out;
}

/**
 * The span of clock values around `now` in which no certificate of the path, nor an issuer passed over for
 * not being valid (which would then be chosen), becomes valid or expires.
 */
function steadySpan(certs: readonly ParsedCert[], now: Date): ChainResult['steady'] {
  const at = now.getTime();
  let from = -Infinity;
  let until = Infinity;
  for (const { raw } of certs) {
    // unreadable times fail the same way at every clock
    if (raw.timeError !== null) continue;
    const notBefore = raw.notBefore.getTime();
    const notAfter = raw.notAfter.getTime();
    if (at < notBefore) until = Math.min(until, notBefore - 1);
    else if (at > notAfter) from = Math.max(from, notAfter + 1);
    else {
      from = Math.max(from, notBefore);
      until = Math.min(until, notAfter);
    }
  }
  return { from, until };
}

/**
 * The links above the leaf (its issuer up to the top) last checked with the same option objects, by the
 * issuer's DER: a list checks thousands of leaves under the same few CAs with one set of options, and those
 * links read only the CAs and the options — except a name-constraints check, which reads the leaf too (a
 * path with a name-constrained CA is never shared). Reused only for the identical option arrays and maps
 * (a list passes the same ones for every certificate and never changes them), the same clock instant and
 * purpose, the same path above the leaf and the same vouch for its top.
 */
interface IssuerLinks {
  knownCas: VerifyChainOptions['knownCas'];
  crls: VerifyChainOptions['crls'];
  revoked: VerifyChainOptions['revoked'];
  now: number;
  purpose: VerifyChainOptions['purpose'];
  topVouch: string | undefined;
  path: readonly Uint8Array[];
  links: ChainLink[];
}
const issuerLinks = new WeakMap<Uint8Array, IssuerLinks>();

function sharedIssuerLinks(path: readonly Uint8Array[], opts: VerifyChainOptions): ChainLink[] | undefined {
  const issuer = path[1];
  const last = issuer ? issuerLinks.get(issuer) : undefined;
  if (
    !last ||
    last.knownCas !== opts.knownCas ||
    last.crls !== opts.crls ||
    last.revoked !== opts.revoked ||
    last.now !== opts.now.getTime() ||
    last.purpose !== opts.purpose ||
    last.path.length !== path.length ||
    last.topVouch !== opts.vouchedSigners?.(path[path.length - 1]!)
  )
    return undefined;
  for (let i = 1; i < path.length; i++) if (last.path[i] !== path[i]) return undefined;
  return last.links;
}

const NO_CRLS: readonly Uint8Array[] = [];

/** The CRLs read, by the caller's array (reused while it holds the same buffers, like parsedCas). */
const readCrlsOf = new WeakMap<readonly Uint8Array[], RawCrl[]>();
function readCrls(ders: readonly Uint8Array[]): RawCrl[] {
  const last = readCrlsOf.get(ders);
  if (last?.length === ders.length && last.every((c, i) => crlCache.get(ders[i]!) === c)) return last;
  const crls = ders.map((der) => {
    let crl = crlCache.get(der);
    // 'keep': a stored CRL with a time openssl refuses fails the revocation checks it serves, not the list
    if (!crl) crlCache.set(der, (crl = readCrl(der, 'keep')));
    return crl;
  });
  readCrlsOf.set(ders, crls);
  return crls;
}

function linkOf(
  certs: ParsedCert[],
  path: readonly Uint8Array[],
  i: number,
  opts: VerifyChainOptions,
  crls: RawCrl[],
): ChainLink {
  const c = certs[i]!;
  const checks = linkChecks(certs, i, opts, crls);
  let ok = true;
  for (const x of checks) ok &&= x.ok;
  const der = path[i]!;
  const id =
    i === 0 && opts.certId !== undefined
      ? opts.certId
      : (opts.knownCas.find((k) => bytesEqual(k.der, der))?.id ?? null);
  return { id, subject: c.subject, ok, checks };
}

/** Builds the path and checks every link; `firstFailure` names the first failing rule, leaf first. */
export function validatePath(certDer: Uint8Array, opts: VerifyChainOptions): ChainResult {
  // The certificate itself is parsed for this call only unless something cached it; its issuers are kept.
  const cert = parsedCertTransient(certDer);
  const passedOver: ParsedCert[] = [];
  const path = pathFrom(cert, opts.knownCas, opts.vouchedSigners, opts.now, passedOver);
  const certs = [cert];
  for (let i = 1; i < path.length; i++) certs.push(parsedCert(path[i]!));
  const crls = readCrls(opts.crls ?? NO_CRLS);
  let upper = sharedIssuerLinks(path, opts);
  if (!upper) {
    upper = [];
    for (let i = 1; i < certs.length; i++) upper.push(linkOf(certs, path, i, opts, crls));
    if (path.length > 1 && !certs.some((c) => c.ext(OID.nameConstraints)))
      issuerLinks.set(path[1]!, {
        knownCas: opts.knownCas,
        crls: opts.crls,
        revoked: opts.revoked,
        now: opts.now.getTime(),
        purpose: opts.purpose,
        topVouch: opts.vouchedSigners?.(path[path.length - 1]!),
        path,
        links: upper,
      });
  }
  const links: ChainLink[] = [linkOf(certs, path, 0, opts, crls), ...upper];
  let firstFailure: string | null = null;
  for (const [i, l] of links.entries()) {
    const failed = l.checks.find((x) => !x.ok);
    if (!failed) continue;
    firstFailure = i === 0 ? failed.message : `CA "${l.subject}": ${failed.message}`;
    break;
  }
  return {
    ok: firstFailure === null,
    links,
    path,
    firstFailure,
    timeError: cert.raw.timeError,
    steady: steadySpan(passedOver.length > 0 ? [...certs, ...passedOver] : certs, opts.now),
  };
}
