import {
  BACKDATE_MS,
  issueLeaf,
  parseCsr,
  renewalPlan,
  renewCertificate,
  signCsr,
  spkiOfCert,
  type PublicKeyInput,
} from '../core/pki';
import type { ParsedInput } from '../../shared/ipc/contract';
import { assertValidSans } from '../../shared/domain/san';
import type {
  CertSummary,
  IssueResult,
  LeafProfile,
  RevocationReason,
  Settings,
} from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import { checkIssuerAllows, usableIssuer } from './constraints';
import type { ServiceContext } from './context';
import {
  checkSubject,
  issueResult,
  issuerInput,
  keyAlgorithmOrDefault,
  newKeyPair,
  opensslCommands,
  pkiContext,
  validityPlan,
} from './issuance';
import { record, RECORD } from './records';
import { persist, storeCertificate, type KeySource } from './store';
import { issuerPath } from './verdicts';

export function defaultDaysFor(profile: LeafProfile | 'intermediate', settings: Settings): number {
  return settings.defaultValidityDays[profile === 'custom' ? 'service' : profile];
}

export async function issueCertificate(
  ctx: ServiceContext,
  input: ParsedInput<'certs:issue'>,
): Promise<IssueResult> {
  const { inventory } = ctx.session.writable();
  checkSubject(input.subject);
  assertValidSans(input.sans);
  const { issuer, ca } = await issuerInput(ctx, input.caId);
  checkIssuerAllows(inventory, ca, input.sans, ctx.now(), input.subject.cn);
  const alg = keyAlgorithmOrDefault(input.key, inventory.settings);
  const v = validityPlan(input.validity, defaultDaysFor(input.profile, inventory.settings));
  const pair = await newKeyPair(ctx, alg);
  const custom = input.profile === 'custom';
  const issued = await issueLeaf(
    {
      issuer,
      profile: input.profile,
      subject: input.subject,
      sans: input.sans,
      publicKey: pair.publicKey,
      validity: v.spec,
      ...(custom && input.keyUsages ? { keyUsages: input.keyUsages } : {}),
      ...(custom && input.extendedKeyUsages ? { extendedKeyUsages: input.extendedKeyUsages } : {}),
      usedSerials: inventory.serialTaken(ca.summary.id),
      clampValidity: v.clamp,
    },
    pkiContext(ctx),
  );
  const entry = await storeCertificate(ctx, issued.der, issued.summary, {
    profile: input.profile,
    key: { kind: 'generated', pair },
    issuerId: ca.summary.id,
    ...(custom && input.keyUsages ? { keyUsages: input.keyUsages } : {}),
    ...(custom && input.extendedKeyUsages ? { extendedKeyUsages: input.extendedKeyUsages } : {}),
  });
  ctx.changed();
  const commands = opensslCommands({
    profile: input.profile,
    subject: input.subject,
    sans: input.sans,
    keyAlgorithm: alg,
    validityDays: v.days,
    ...(input.keyUsages ? { keyUsages: input.keyUsages } : {}),
    ...(input.extendedKeyUsages ? { extendedKeyUsages: input.extendedKeyUsages } : {}),
    ...(ca.keyAlg ? { issuerKeyAlgorithm: ca.keyAlg } : {}),
  });
  return issueResult(entry, issued, input.profile, ca.der, commands);
}

export async function signCertificateRequest(
  ctx: ServiceContext,
  input: ParsedInput<'certs:signCsr'>,
): Promise<IssueResult> {
  const { inventory } = ctx.session.writable();
  const csr = await parseCsr(input.csrPem, ctx.crypto);
  if (!csr.view.signatureValid) {
    throw new AppError(
      'CSR_SIGNATURE_INVALID',
      'The CSR signature does not verify: it was altered or not signed by its own key',
    );
  }
  if (input.nameConstraints && input.profile !== 'intermediate') {
    throw new AppError(
      'INVALID_INPUT',
      'Name constraints apply to CA certificates: sign the CSR with the intermediate profile',
    );
  }
  const subject = input.subject ?? csr.subjectFields;
  const sans = input.sans ?? csr.sans;
  checkSubject(subject);
  assertValidSans(sans);
  const { issuer, ca } = await issuerInput(ctx, input.caId);
  if (input.profile === 'intermediate') usableIssuer(inventory, ca, ctx.now());
  else checkIssuerAllows(inventory, ca, sans, ctx.now(), subject.cn);
  const v = validityPlan(input.validity, defaultDaysFor(input.profile, inventory.settings));
  const issued = await signCsr(
    {
      issuer,
      csr: csr.der,
      profile: input.profile,
      subject,
      sans,
      validity: v.spec,
      ...(input.profile === 'intermediate' ? { pathLen: input.pathLen ?? null } : {}),
      ...(input.nameConstraints ? { nameConstraints: input.nameConstraints } : {}),
      usedSerials: inventory.serialTaken(ca.summary.id),
      clampValidity: v.clamp,
    },
    pkiContext(ctx),
  );
  const entry = await storeCertificate(ctx, issued.der, issued.summary, {
    profile: input.profile,
    key: { kind: 'none' },
    issuerId: ca.summary.id,
  });
  ctx.changed();
  const commands = opensslCommands({
    profile: input.profile,
    subject,
    sans,
    fromCsr: true,
    validityDays: v.days,
    ...(input.profile === 'intermediate' ? { pathLen: input.pathLen ?? null } : {}),
    ...(input.nameConstraints ? { nameConstraints: input.nameConstraints } : {}),
    ...(ca.keyAlg ? { issuerKeyAlgorithm: ca.keyAlg } : {}),
  });
  return issueResult(entry, issued, input.profile, ca.der, commands);
}

/** A tracked certificate belongs to another CA: only its issuer can renew or revoke it. */
function refuseTracked(s: CertSummary, what: 'renewed' | 'revoked'): void {
  if (s.tracked)
    throw new AppError(
      'NOT_SUPPORTED',
      `${s.cn} (${s.id}) is a tracked certificate: it is ${what} where it was issued (${s.issuer})`,
    );
}

export async function renewCertificateById(
  ctx: ServiceContext,
  input: ParsedInput<'certs:renew'>,
): Promise<IssueResult> {
  const { inventory } = ctx.session.writable();
  const old = inventory.get(input.id);
  refuseTracked(old.summary, 'renewed');
  if (old.summary.kind === 'ca') {
    throw new AppError(
      'NOT_SUPPORTED',
      `${old.summary.cn} is a CA: create a new CA (or sign its CSR) instead of renewing it`,
    );
  }
  // The issuer its chain runs through now, when the vault holds its key: a CA certificate re-issued for the
  // same key replaces the one that signed the old certificate once that one has expired.
  const current = issuerPath(inventory, old, ctx.now())[0];
  const issuerId = current?.keyRef ? current.summary.id : old.summary.issuerId;
  if (!issuerId) {
    throw new AppError(
      'CA_KEY_MISSING',
      `The issuer of ${old.summary.cn} (${old.summary.issuer}) is not a CA in this vault`,
    );
  }
  const { issuer, ca } = await issuerInput(ctx, issuerId);
  const plan = renewalPlan(old.der);
  checkIssuerAllows(inventory, ca, plan.sans, ctx.now(), plan.subject.cn);
  const v = validityPlan(input.validity, plan.validityDays);
  let key: KeySource;
  let publicKey: PublicKeyInput;
  if (input.keepKey) {
    publicKey = spkiOfCert(old.der);
    key =
      old.keyRef && old.keyAlg ? { kind: 'existing', keyRef: old.keyRef, alg: old.keyAlg } : { kind: 'none' };
  } else {
    const alg = old.keyAlg ?? plan.keyAlgorithm ?? inventory.settings.defaultKeyAlgorithm;
    const pair = await newKeyPair(ctx, alg);
    publicKey = pair.publicKey;
    key = { kind: 'generated', pair };
  }
  const issued = await renewCertificate(
    {
      issuer,
      oldCertDer: old.der,
      publicKey,
      validity: v.spec,
      usedSerials: inventory.serialTaken(ca.summary.id),
      clampValidity: v.clamp,
    },
    pkiContext(ctx),
  );
  const profile = old.summary.profile as LeafProfile;
  const entry = await storeCertificate(ctx, issued.der, issued.summary, {
    profile,
    key,
    issuerId: ca.summary.id,
    replaces: old.summary.id,
    ...(old.keyUsages ? { keyUsages: old.keyUsages } : {}),
    ...(old.extendedKeyUsages ? { extendedKeyUsages: old.extendedKeyUsages } : {}),
  });
  if (input.revokeOld && !old.summary.revoked) {
    await revokeEntry(ctx, old.summary.id, 'superseded', ctx.now());
  }
  ctx.changed();
  const commands = opensslCommands({
    profile,
    subject: plan.subject,
    sans: plan.sans,
    ...(key.kind === 'generated' ? { keyAlgorithm: key.pair.alg } : { fromCsr: true }),
    validityDays: v.days,
    ...(ca.keyAlg ? { issuerKeyAlgorithm: ca.keyAlg } : {}),
  });
  return issueResult(entry, issued, profile, ca.der, commands);
}

/** How far a revocation date may lie ahead of this workstation's clock (the validity backdate, 5 min). */
const REVOCATION_SKEW_MS = BACKDATE_MS;

/**
 * A revocation date goes into every CRL the CA publishes: one in the future or before the certificate
 * existed would be a false statement relying parties act on.
 */
function checkRevocationDate(summary: CertSummary, at: Date, now: Date): void {
  if (Number.isNaN(at.getTime())) throw new AppError('INVALID_INPUT', 'The revocation date is not a date');
  if (at.getTime() > now.getTime() + REVOCATION_SKEW_MS) {
    throw new AppError(
      'INVALID_INPUT',
      `The revocation date ${at.toISOString()} is in the future (now is ${now.toISOString()}): a certificate can only be revoked as of now or earlier`,
    );
  }
  if (at.getTime() < Date.parse(summary.notBefore)) {
    throw new AppError(
      'INVALID_INPUT',
      `The revocation date ${at.toISOString()} is before ${summary.cn} became valid (${summary.notBefore})`,
    );
  }
}

/** Appends the revocation and marks the in-memory summary; ALREADY_REVOKED when it was. */
export async function revokeEntry(
  ctx: ServiceContext,
  id: string,
  reason: RevocationReason,
  at: Date,
): Promise<void> {
  const { inventory } = ctx.session.writable();
  const e = inventory.get(id);
  refuseTracked(e.summary, 'revoked');
  if (e.summary.revoked) {
    throw new AppError(
      'ALREADY_REVOKED',
      `${e.summary.cn} (${id}) was already revoked on ${e.summary.revoked.at} (${e.summary.revoked.reason})`,
    );
  }
  checkRevocationDate(e.summary, at, ctx.now());
  const when = new Date(Math.floor(at.getTime() / 1000) * 1000).toISOString();
  await persist(ctx, [record(RECORD.revoke, { id, at: when, reason })]);
  e.summary.revoked = { at: when, reason };
  await ctx.audit.record('certs.revoke', 'ok', {
    subject: e.summary.subject,
    serial: e.summary.serial,
    sha256: e.summary.sha256,
    detail: reason,
  });
}
