import type { RevocationReason } from '../../../../shared/domain/types';

/** The RFC 5280 §5.3.1 reason codes by name, short enough for the select never to cut them. */
export const REASON_LABELS: Record<RevocationReason, string> = {
  unspecified: 'Unspecified',
  keyCompromise: 'Key compromise',
  cACompromise: 'CA compromise',
  affiliationChanged: 'Affiliation changed',
  superseded: 'Superseded',
  cessationOfOperation: 'Cessation of operation',
  certificateHold: 'Certificate hold',
  privilegeWithdrawn: 'Privilege withdrawn',
  aACompromise: 'Attribute authority compromise',
};

/** What each reason means in plain language, shown under the select with the code name for auditors. */
export const REASON_HELP: Record<RevocationReason, string> = {
  unspecified: 'No reason given.',
  keyCompromise: 'The private key leaked or may have.',
  cACompromise: "The issuing CA's key leaked or may have.",
  affiliationChanged: 'The service or owner changed.',
  superseded: 'Replaced by a new certificate.',
  cessationOfOperation: 'The service is retired.',
  certificateHold: 'Suspended for now; can be released later.',
  privilegeWithdrawn: 'The holder may no longer use it.',
  aACompromise: 'The attribute authority was compromised.',
};

/** datetime-local value (the operator's local time) → ISO; empty means "now" (main's clock). */
export function revocationDateInput(
  local: string,
): { ok: true; value: string | undefined } | { ok: false; reason: string } {
  const t = local.trim();
  if (!t) return { ok: true, value: undefined };
  const d = new Date(t);
  if (Number.isNaN(d.getTime()))
    return { ok: false, reason: 'Enter a date and time, or leave it empty for now' };
  d.setUTCMilliseconds(0);
  return { ok: true, value: d.toISOString() };
}
