/** Leaf issuance by profile, and renewal. */
import type { LeafProfile, San } from '../../../shared/domain/types';
import { assertValidSans } from '../../../shared/domain/san';
import { AppError } from '../../../shared/ipc/error-codes';
import { issueCertificate } from './build-cert';
import { readCert } from './cert-raw';
import { decodeEku, decodeKeyUsage, decodeSans, ekuName } from './ext-decode';
import { ekuOids, OID } from './extensions';
import { keyAlgorithmOfSpki, spkiOf } from './keys';
import { buildName, subjectFieldsOf } from './names';
import { EKU_NAMES, isKeyUsageName, keyUsagesFor, profileDef, type KeyUsageName } from './profiles';
import type { IssueLeafRequest, IssuedCertificate, PkiContext, RenewalPlan, RenewRequest } from './types';

function customKeyUsages(names: string[] | undefined, fallback: KeyUsageName[]): KeyUsageName[] {
  if (!names) return fallback;
  return names.map((n) => {
    if (!isKeyUsageName(n)) throw new AppError('INVALID_INPUT', `unknown key usage "${n}"`);
    if (n === 'keyCertSign')
      throw new AppError(
        'INVALID_INPUT',
        'keyCertSign is for CA certificates: use the intermediate CA profile',
      );
    return n;
  });
}

export interface LeafSpecInput extends Omit<IssueLeafRequest, 'subject'> {
  /** encoded subject Name (built from fields, or copied from a CSR / the renewed certificate) */
  subjectName: Uint8Array;
}

/** Shared by issueLeaf, signCsr and renewal: profile → KU/EKU, SAN rules, then the common builder. */
export async function issueLeafWithName(req: LeafSpecInput, ctx: PkiContext): Promise<IssuedCertificate> {
  const def = profileDef(req.profile);
  assertValidSans(req.sans);
  if (def.requiresSan && req.sans.length === 0) {
    throw new AppError(
      'INVALID_SAN',
      `a ${req.profile} certificate needs at least one SAN: Go and browsers ignore the CN when checking host names`,
    );
  }
  const spki = await spkiOf(req.publicKey, ctx.crypto);
  const isRsa = keyAlgorithmOfSpki(spki)?.startsWith('rsa') ?? false;
  const custom = req.profile === 'custom';
  const kus = custom ? customKeyUsages(req.keyUsages, def.keyUsages) : keyUsagesFor(def, isRsa);
  const ekus = ekuOids(custom ? (req.extendedKeyUsages ?? def.extendedKeyUsages) : def.extendedKeyUsages);
  return issueCertificate(
    {
      issuer: req.issuer,
      subjectName: req.subjectName,
      spki,
      ca: false,
      keyUsages: kus,
      ekuOids: ekus,
      sans: req.sans,
      validity: req.validity,
      defaultDays: def.defaultValidityDays,
      clampValidity: req.clampValidity,
      usedSerials: req.usedSerials,
    },
    ctx,
  );
}

/** Issues a leaf under a profile (server: serverAuth + SAN required; client: clientAuth; service: both; custom). */
export async function issueLeaf(req: IssueLeafRequest, ctx: PkiContext): Promise<IssuedCertificate> {
  return issueLeafWithName({ ...req, subjectName: buildName(req.subject) }, ctx);
}

function profileFromEku(ekus: string[]): LeafProfile {
  const server = ekus.includes(EKU_NAMES.serverAuth ?? '');
  const client = ekus.includes(EKU_NAMES.clientAuth ?? '');
  if (ekus.length === 2 && server && client) return 'service';
  if (ekus.length === 1 && server) return 'server';
  if (ekus.length === 1 && client) return 'client';
  return 'custom';
}

/**
 * What to carry into a renewal: subject, SANs, profile (from the EKUs), key usages, key algorithm, old
 * lifetime. A certificate whose times cannot be read (stored before they were refused) is renewed too, with
 * the profile's default lifetime: renewal is how its owner replaces it.
 */
export function renewalPlan(oldCertDer: Uint8Array): RenewalPlan {
  const raw = readCert(oldCertDer, 'keep');
  const ext = (oid: string): Uint8Array | undefined => raw.extensions.find((e) => e.oid === oid)?.value;
  const sanV = ext(OID.subjectAltName);
  const ekuV = ext(OID.extKeyUsage);
  const kuV = ext(OID.keyUsage);
  const ekus = ekuV ? decodeEku(ekuV) : [];
  const sans: San[] = sanV ? decodeSans(sanV) : [];
  const profile = profileFromEku(ekus);
  const lifetimeDays =
    raw.timeError === null
      ? Math.max(1, Math.round((raw.notAfter.getTime() - raw.notBefore.getTime()) / 86_400_000))
      : profileDef(profile).defaultValidityDays;
  return {
    subject: subjectFieldsOf(raw.subject),
    sans,
    profile,
    keyUsages: kuV ? decodeKeyUsage(kuV) : [],
    extendedKeyUsages: ekus.map(ekuName),
    keyAlgorithm: keyAlgorithmOfSpki(raw.spki),
    validityDays: lifetimeDays,
  };
}

/** Re-issues the old certificate's subject (byte for byte), SANs and profile with a new serial and validity. */
export async function renewCertificate(req: RenewRequest, ctx: PkiContext): Promise<IssuedCertificate> {
  const plan = renewalPlan(req.oldCertDer);
  const raw = readCert(req.oldCertDer, 'keep');
  if (plan.keyUsages.includes('keyCertSign')) {
    throw new AppError(
      'NOT_SUPPORTED',
      'this is a CA certificate: renew it with createIntermediateCa/createRootCa',
    );
  }
  return issueLeafWithName(
    {
      issuer: req.issuer,
      profile: plan.profile,
      subjectName: raw.subject,
      sans: plan.sans,
      publicKey: req.publicKey,
      validity: req.validity ?? { days: plan.validityDays },
      keyUsages: plan.keyUsages,
      extendedKeyUsages: plan.extendedKeyUsages,
      usedSerials: req.usedSerials,
      clampValidity: req.clampValidity,
    },
    ctx,
  );
}
