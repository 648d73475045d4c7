/** Root and intermediate CA creation, and the checks for importing an existing CA. */
import type { LintFinding } from '../../../shared/domain/types';
import { AppError } from '../../../shared/ipc/error-codes';
import { issueCertificate } from './build-cert';
import { readCert } from './cert-raw';
import { bytesEqual } from './der';
import { decodeBasicConstraints } from './ext-decode';
import { OID } from './extensions';
import { keysMatch, spkiOf } from './keys';
import { lintCertificate } from './lint';
import { buildName } from './names';
import { isSelfSigned, verifiedSigner } from './path-validator';
import { PROFILE_DEFS } from './profiles';
import type {
  CreateIntermediateCaRequest,
  CreateRootCaRequest,
  IssuedCertificate,
  KnownCa,
  PkiContext,
} from './types';
import { verifySignature } from './verify-sig';

/** Self-signed root CA: critical BasicConstraints (cA, optional pathLen), critical KeyUsage, SKI, optional critical NameConstraints. */
export async function createRootCa(req: CreateRootCaRequest, ctx: PkiContext): Promise<IssuedCertificate> {
  const spki = await spkiOf(req.publicKey, ctx.crypto);
  const def = PROFILE_DEFS.root;
  const issued = await issueCertificate(
    {
      issuer: null,
      selfSigningKey: req.signingKey,
      subjectName: buildName(req.subject),
      spki,
      ca: true,
      pathLen: req.pathLen ?? null,
      nameConstraints: req.nameConstraints,
      keyUsages: def.keyUsages,
      ekuOids: [],
      sans: [],
      validity: req.validity,
      defaultDays: def.defaultValidityDays,
    },
    ctx,
  );
  const raw = readCert(issued.der);
  if (!verifySignature(raw.tbs, raw.sigAlgOid, raw.signature, spki)) {
    throw new AppError('KEY_MISMATCH', 'the signing key does not belong to the given public key');
  }
  return issued;
}

/** Options of an intermediate CA that do not depend on where its subject and key come from. */
type IntermediateOptions = Pick<
  CreateIntermediateCaRequest,
  'issuer' | 'pathLen' | 'nameConstraints' | 'validity' | 'clampValidity' | 'usedSerials'
>;

/**
 * Signs an intermediate CA for a given encoded subject and SPKI: shared by creation in the vault and by
 * signing an online CA's CSR, so both get the same profile (critical BC/KU, SKI, AKI).
 */
export function issueIntermediateFor(
  subjectName: Uint8Array,
  spki: Uint8Array,
  opts: IntermediateOptions,
  ctx: PkiContext,
): Promise<IssuedCertificate> {
  const def = PROFILE_DEFS.intermediate;
  return issueCertificate(
    {
      issuer: opts.issuer,
      subjectName,
      spki,
      ca: true,
      pathLen: opts.pathLen ?? null,
      nameConstraints: opts.nameConstraints,
      keyUsages: def.keyUsages,
      ekuOids: [],
      sans: [],
      validity: opts.validity,
      defaultDays: def.defaultValidityDays,
      clampValidity: opts.clampValidity,
      usedSerials: opts.usedSerials,
    },
    ctx,
  );
}

/** Intermediate CA under `req.issuer`; AKI = issuer SKI; validity within the issuer's. */
export async function createIntermediateCa(
  req: CreateIntermediateCaRequest,
  ctx: PkiContext,
): Promise<IssuedCertificate> {
  return issueIntermediateFor(buildName(req.subject), await spkiOf(req.publicKey, ctx.crypto), req, ctx);
}

/**
 * Checks an existing CA for import: it must be a CA (NOT_A_CA) and the key must match (KEY_MISMATCH).
 * Returns lint findings: e.g. the seed's `openssl req -x509` CA has no KeyUsage — accepted, with a warning.
 */
export function checkCaImport(
  certDer: Uint8Array,
  pkcs8: Uint8Array | null,
  /**
   * The vault's CAs: a certificate whose issuer name is its subject and that one of them signed (a CA's new key
   * signed by its old one, a rollover) is an intermediate, not a damaged root. Default none.
   */
  knownCas: readonly KnownCa[] = [],
): LintFinding[] {
  const raw = readCert(certDer);
  const bcExt = raw.extensions.find((e) => e.oid === OID.basicConstraints);
  if (!bcExt || !decodeBasicConstraints(bcExt.value).ca) {
    throw new AppError(
      'NOT_A_CA',
      'this certificate is not a CA (no BasicConstraints with cA true): it cannot issue certificates',
    );
  }
  if (pkcs8 && !keysMatch(certDer, pkcs8)) {
    throw new AppError(
      'KEY_MISMATCH',
      'the private key does not belong to this certificate (public keys differ)',
    );
  }
  const selfIssued = bytesEqual(raw.subject, raw.issuer);
  const selfSigned = selfIssued && isSelfSigned(certDer);
  if (selfIssued && !selfSigned && verifiedSigner(certDer, knownCas) === undefined) {
    throw new AppError(
      'INVALID_PEM',
      'this self-signed CA certificate does not verify with its own key, nor with the key of a vault CA of ' +
        'the same name: it was altered or is damaged',
    );
  }
  return lintCertificate(certDer, { profile: selfSigned ? 'root' : 'intermediate' });
}
