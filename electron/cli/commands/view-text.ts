import type { CertificateView, CrlView, CsrView, LintFinding } from '../../../shared/domain/types';
import { sanLabel } from '../../../shared/domain/san-text';

function keyText(k: CertificateView['publicKey']): string {
  return `${k.algorithm}${k.size ? ` ${k.size}` : ''}${k.curve ? ` ${k.curve}` : ''}`;
}

/** The decoded certificate as `show` and `inspect` print it. */
export function certificateLines(v: CertificateView): string[] {
  return [
    `  subject         ${v.subject}`,
    `  issuer          ${v.issuer}`,
    `  serial          ${v.serial}`,
    `  valid           ${v.notBefore} → ${v.notAfter}`,
    `  key             ${keyText(v.publicKey)}`,
    `  signature       ${v.signatureAlgorithm}`,
    `  sha256          ${v.fingerprints.sha256}`,
    `  sha1            ${v.fingerprints.sha1}`,
    `  spki sha256     ${v.spkiSha256}`,
  ];
}

export function extensionLines(v: { extensions: CertificateView['extensions'] }): string[] {
  return [
    'Extensions:',
    ...v.extensions.flatMap((e) => [
      `  ${e.name}${e.critical ? ' (critical)' : ''}`,
      ...e.lines.map((l) => `      ${l}`),
    ]),
  ];
}

/** Each finding with its explanation, so the operator learns why it matters, not only what it is. */
export function lintLines(lint: LintFinding[]): string[] {
  if (!lint.length) return [];
  return [
    'Lint:',
    ...lint.flatMap((f) => [
      `  ${f.severity}: ${f.message}`,
      ...(f.explanation ? [`      ${f.explanation}`] : []),
    ]),
  ];
}

export function csrLines(c: CsrView): string[] {
  return [
    'Certificate signing request',
    `  subject         ${c.subject}`,
    `  SANs            ${c.sans.map(sanLabel).join(', ') || '(none)'}`,
    `  key             ${keyText(c.publicKey)}`,
    `  signature       ${c.signatureValid ? 'valid (signed by its own key)' : 'INVALID: altered or not signed by its own key'}`,
    ...extensionLines(c),
  ];
}

export function crlLines(c: CrlView): string[] {
  return [
    'Certificate revocation list',
    `  issuer          ${c.issuer}`,
    `  number          ${c.number ?? '(none)'}`,
    `  this update     ${c.thisUpdate}`,
    `  next update     ${c.nextUpdate ?? '(none)'}`,
    `  signature       ${c.signatureValidBy ? `valid, by ${c.signatureValidBy}` : 'not verified by any CA in this vault'}`,
    `  revoked         ${c.revoked.length}`,
    ...c.revoked.map((r) => `    ${r.serial}  ${r.date}${r.reason ? `  ${r.reason}` : ''}`),
  ];
}
