/** Minimum passphrase length the product requires (product.md §1); main enforces the same rule. */
export const MIN_PASSPHRASE_LENGTH = 12;

export type StrengthLabel = 'Too short' | 'Weak' | 'Fair' | 'Good' | 'Strong';

export interface Strength {
  /** rough entropy estimate in bits */
  bits: number;
  /** 0..4 for a meter */
  score: 0 | 1 | 2 | 3 | 4;
  label: StrengthLabel;
  /** one suggestion, or null when nothing obvious helps */
  tip: string | null;
}

/**
 * A hint, not a gate: a character-pool estimate with penalties for repeats and runs. It deliberately
 * under-rates short complex strings and rewards length, as NIST SP 800-63B recommends long passphrases.
 */
export function passphraseStrength(p: string): Strength {
  if (p.length < MIN_PASSPHRASE_LENGTH) {
    return {
      bits: 0,
      score: 0,
      label: 'Too short',
      tip: `Use at least ${MIN_PASSPHRASE_LENGTH} characters (${p.length} so far).`,
    };
  }
  let pool = 0;
  if (/[a-z]/.test(p)) pool += 26;
  if (/[A-Z]/.test(p)) pool += 26;
  if (/[0-9]/.test(p)) pool += 10;
  if (/[^a-zA-Z0-9]/.test(p)) pool += 33;
  // Count only characters that differ from the previous one and are not part of an ascending run (abc, 123).
  let effective = 0;
  for (let i = 0; i < p.length; i++) {
    const prev = i > 0 ? p.charCodeAt(i - 1) : -2;
    const c = p.charCodeAt(i);
    if (c !== prev && c !== prev + 1) effective++;
  }
  const distinct = new Set(p).size;
  const bits = Math.round(effective * Math.log2(Math.max(pool, 2)) * Math.min(1, distinct / 8));
  const tip =
    distinct < 6
      ? 'Too many repeated characters: add different words.'
      : bits < 60
        ? 'Add another word or two: length helps most.'
        : null;
  if (bits < 40) return { bits, score: 1, label: 'Weak', tip };
  if (bits < 60) return { bits, score: 2, label: 'Fair', tip };
  if (bits < 80) return { bits, score: 3, label: 'Good', tip };
  return { bits, score: 4, label: 'Strong', tip: null };
}

export interface NewPassphraseErrors {
  passphrase: string | null;
  confirm: string | null;
}

/** Field errors for the create-vault form, each naming what to fix. */
export function newPassphraseErrors(passphrase: string, confirm: string): NewPassphraseErrors {
  return {
    passphrase:
      passphrase.length < MIN_PASSPHRASE_LENGTH
        ? `The passphrase needs at least ${MIN_PASSPHRASE_LENGTH} characters (it has ${passphrase.length}).`
        : null,
    confirm: confirm !== passphrase ? 'The two passphrases differ: type the same passphrase twice.' : null,
  };
}
