import type { RevocationReason } from '../../../../shared/domain/types';

/** Plain-language labels for the RFC 5280 §5.3.1 reason codes; the code name is shown too for auditors. */
export const REASON_LABELS: Record<RevocationReason, string> = {
  unspecified: 'Unspecified',
  keyCompromise: 'Key compromise: the private key leaked or may have',
  cACompromise: 'CA compromise',
  affiliationChanged: 'Affiliation changed: the service or owner changed',
  superseded: 'Superseded: replaced by a new certificate',
  cessationOfOperation: 'Cessation of operation: the service is retired',
  certificateHold: 'Certificate hold (temporary)',
  privilegeWithdrawn: 'Privilege withdrawn',
  aACompromise: 'Attribute authority compromise',
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
