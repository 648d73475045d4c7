import {
  generateKeyPair,
  lintCertificate,
  opensslCommandsFor,
  type IssuedCertificate,
  type IssuerInput,
  type OpensslCommandRequest,
  type PkiContext,
  type ValiditySpec,
} from '../core/pki';
import type {
  IssueResult,
  KeyAlgorithm,
  LintFinding,
  Profile,
  Settings,
  SubjectFields,
} from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';
import { copySummary } from './context';
import { usableIssuer } from './constraints';
import type { InventoryEntry } from './inventory';

export function pkiContext(ctx: ServiceContext): PkiContext {
  return { now: ctx.now(), crypto: ctx.crypto };
}

export interface ValidityInput {
  days?: number | undefined;
  hours?: number | undefined;
  notAfter?: string | undefined;
}

/**
 * The request's validity, or the settings default. An explicit request beyond the issuer's notAfter is
 * refused (VALIDITY_EXCEEDS_ISSUER); only the default is clamped, with a visible note.
 */
export function validityPlan(
  input: ValidityInput | undefined,
  defaultDays: number,
): { spec: ValiditySpec; clamp: boolean; days: number } {
  const given = [input?.days, input?.hours, input?.notAfter].filter((v) => v !== undefined).length;
  if (given > 1)
    throw new AppError('INVALID_VALIDITY', 'Give exactly one of days, hours or notAfter for the validity');
  if (input?.days !== undefined) return { spec: { days: input.days }, clamp: false, days: input.days };
  if (input?.hours !== undefined)
    return { spec: { hours: input.hours }, clamp: false, days: Math.max(1, Math.ceil(input.hours / 24)) };
  if (input?.notAfter !== undefined)
    return { spec: { notAfter: input.notAfter }, clamp: false, days: defaultDays };
  return { spec: { days: defaultDays }, clamp: true, days: defaultDays };
}

export function checkSubject(subject: SubjectFields): void {
  if (!subject.cn.trim()) throw new AppError('INVALID_SUBJECT', 'The subject needs a common name (CN)');
  if (subject.c !== undefined && !/^[A-Z]{2}$/.test(subject.c)) {
    throw new AppError(
      'INVALID_SUBJECT',
      `Country (C) must be two upper-case letters (ISO 3166), got "${subject.c}"`,
    );
  }
}

export function keyAlgorithmOrDefault(alg: KeyAlgorithm | undefined, settings: Settings): KeyAlgorithm {
  return alg ?? settings.defaultKeyAlgorithm;
}

export async function newKeyPair(ctx: ServiceContext, alg: KeyAlgorithm): ReturnType<typeof generateKeyPair> {
  return generateKeyPair(alg, ctx.crypto);
}

/** The issuer input for the PKI engine: the CA's DER and its unwrapped (non-extractable) signing key. */
export async function issuerInput(
  ctx: ServiceContext,
  caId: string,
): Promise<{ issuer: IssuerInput; ca: InventoryEntry }> {
  const { inventory } = ctx.session.unlocked();
  const ca = inventory.ca(caId);
  // The ancestors go to the engine so it enforces their pathLen and name constraints before signing.
  const { path } = usableIssuer(inventory, ca, ctx.now());
  const signingKey = await ctx.session.signingKey(caId);
  return { issuer: { certDer: ca.der, signingKey, chain: path.slice(1) }, ca };
}

export function issueResult(
  entry: InventoryEntry,
  issued: IssuedCertificate,
  profile: Profile,
  issuerDer: Uint8Array | undefined,
  commands: string[],
): IssueResult {
  const lint: LintFinding[] = lintCertificate(entry.der, { profile, ...(issuerDer ? { issuerDer } : {}) });
  return {
    summary: copySummary(entry.summary),
    pem: issued.pem,
    fingerprints: { sha256: issued.summary.sha256, sha1: issued.summary.sha1 },
    lint,
    opensslCommands: commands,
    ...(issued.note ? { note: issued.note } : {}),
  };
}

export function opensslCommands(req: OpensslCommandRequest): string[] {
  try {
    return opensslCommandsFor(req);
  } catch {
    // The commands are an explanation for the operator; their absence must not fail an issuance.
    return [];
  }
}
