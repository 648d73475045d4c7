import { generateKeyPair, issueLeaf, lintCertificate, profileDef, resolveValidity } from '../core/pki';
import type { ParsedInput } from '../../shared/ipc/contract';
import { assertValidSans } from '../../shared/domain/san';
import type { IssuePreview, KeyAlgorithm, LintFinding } from '../../shared/domain/types';
import { checkIssuerAllows } from './constraints';
import type { ServiceContext } from './context';
import { defaultDaysFor } from './certs-issue';
import { checkSubject, keyAlgorithmOrDefault, opensslCommands, pkiContext, validityPlan } from './issuance';

const PROFILE_LABEL: Record<string, string> = {
  server: 'TLS server certificate',
  client: 'TLS client certificate',
  service: 'service certificate (TLS server and client)',
  custom: 'custom certificate',
};

/**
 * Lint needs a certificate: build a throwaway draft signed by an ephemeral key, never by the CA's key, so
 * no valid certificate exists that the vault does not record. RSA is replaced by P-256 to keep this instant.
 */
async function draftLint(
  ctx: ServiceContext,
  input: ParsedInput<'certs:preview'>,
  caDer: Uint8Array,
  alg: KeyAlgorithm,
): Promise<LintFinding[]> {
  try {
    const draftAlg: KeyAlgorithm = alg.startsWith('rsa') ? 'ec-p256' : alg;
    const subjectKey = await generateKeyPair(draftAlg, ctx.crypto);
    subjectKey.DANGEROUS_privateKeyPkcs8.fill(0);
    const throwaway = await generateKeyPair('ec-p256', ctx.crypto);
    throwaway.DANGEROUS_privateKeyPkcs8.fill(0);
    const draft = await issueLeaf(
      {
        issuer: { certDer: caDer, signingKey: throwaway.signingKey },
        profile: input.profile,
        subject: input.subject,
        sans: input.sans,
        publicKey: subjectKey.publicKey,
        ...(input.validity ? { validity: input.validity } : {}),
        ...(input.keyUsages ? { keyUsages: input.keyUsages } : {}),
        ...(input.extendedKeyUsages ? { extendedKeyUsages: input.extendedKeyUsages } : {}),
        clampValidity: true,
      },
      pkiContext(ctx),
    );
    // Findings about the draft's signature or issuer binding are artefacts of the throwaway signer.
    return lintCertificate(draft.der, { profile: input.profile }).filter(
      (f) => !/signature|aki|authority/i.test(f.id),
    );
  } catch {
    return [];
  }
}

export async function previewIssue(
  ctx: ServiceContext,
  input: ParsedInput<'certs:preview'>,
): Promise<IssuePreview> {
  const { inventory } = ctx.session.unlocked();
  checkSubject(input.subject);
  assertValidSans(input.sans);
  const ca = inventory.ca(input.caId);
  const now = ctx.now();
  checkIssuerAllows(inventory, ca, input.sans, now, input.subject.cn);
  const alg = keyAlgorithmOrDefault(input.key, inventory.settings);
  const v = validityPlan(input.validity, defaultDaysFor(input.profile, inventory.settings));
  const resolved = resolveValidity(
    v.spec,
    now,
    v.days,
    { notBefore: new Date(ca.summary.notBefore), notAfter: new Date(ca.summary.notAfter) },
    v.clamp,
  );
  const days = Math.round((resolved.notAfter.getTime() - resolved.notBefore.getTime()) / 86_400_000);
  const ekus =
    input.profile === 'custom'
      ? (input.extendedKeyUsages ?? [])
      : profileDef(input.profile).extendedKeyUsages;
  const summaryLines = [
    `A ${PROFILE_LABEL[input.profile] ?? input.profile} for "${input.subject.cn}", signed by CA ${ca.summary.cn}.`,
    input.sans.length
      ? `Names it is valid for (SAN): ${input.sans.map((s) => `${s.type.toUpperCase()}:${s.value}`).join(', ')}.`
      : 'No subject alternative names: TLS clients (Go, browsers) will not accept it for any host name.',
    `A new ${alg} key is generated in CertDesk and kept encrypted in the vault.`,
    `Extended key usage: ${ekus.length ? ekus.join(', ') : 'none'}.`,
  ];
  return {
    summaryLines,
    notBefore: resolved.notBefore.toISOString(),
    notAfter: resolved.notAfter.toISOString(),
    lint: await draftLint(ctx, input, ca.der, alg),
    opensslCommands: opensslCommands({
      profile: input.profile,
      subject: input.subject,
      sans: input.sans,
      keyAlgorithm: alg,
      validityDays: days,
      ...(input.keyUsages ? { keyUsages: input.keyUsages } : {}),
      ...(input.extendedKeyUsages ? { extendedKeyUsages: input.extendedKeyUsages } : {}),
      ...(ca.keyAlg ? { issuerKeyAlgorithm: ca.keyAlg } : {}),
    }),
    ...(resolved.note ? { note: resolved.note } : {}),
  };
}
