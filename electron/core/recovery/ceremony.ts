import { randomBytes, timingSafeEqual } from 'node:crypto';
import { combine, split } from 'shamir-secret-sharing';
import { AppError } from '../../../shared/ipc/error-codes';
import {
  CEREMONY_ID_BYTES,
  MAX_SHARES,
  RECOVERY_KEY_BYTES,
  recoveryPublicKey,
  VAULT_ID_BYTES,
  type RecoverySetup,
} from '../vault';
import {
  decodeShareText,
  encodeShareGroups,
  groupedHex,
  shareFingerprint,
  ShareFormatError,
  type SharePayload,
} from './share-code';

/** One share as handed to the operator: the groups to print, never stored by CertDesk. */
export interface IssuedShare {
  index: number;
  threshold: number;
  shares: number;
  /** 23 groups of 5 characters */
  groups: string[];
  fingerprint: string;
}

export interface Ceremony {
  /** the public part, for Vault.setRecovery */
  setup: RecoverySetup;
  shares: IssuedShare[];
}

/** Checks 2 ≤ M ≤ N ≤ 16 (INVALID_INPUT naming the rule). */
export function assertShareCounts(threshold: number, shares: number): void {
  const ok =
    Number.isInteger(threshold) &&
    Number.isInteger(shares) &&
    threshold >= 2 &&
    threshold <= shares &&
    shares <= MAX_SHARES;
  if (!ok) {
    throw new AppError(
      'INVALID_INPUT',
      `Shares need 2 ≤ threshold ≤ shares ≤ ${MAX_SHARES} (got threshold ${threshold} of ${shares}).`,
    );
  }
}

/**
 * A new recovery key split into `shares` Shamir shares, any `threshold` of which rebuild it. The key itself is
 * zeroed before returning: only its public key (in `setup`) and the shares leave. `vaultId` is kept by rotation
 * so old shares are told apart as "another ceremony" rather than "another vault".
 */
export async function newCeremony(opts: {
  threshold: number;
  shares: number;
  now: Date;
  vaultId?: Buffer;
}): Promise<Ceremony> {
  assertShareCounts(opts.threshold, opts.shares);
  const recoveryKey = randomBytes(RECOVERY_KEY_BYTES);
  const vaultId = opts.vaultId ?? randomBytes(VAULT_ID_BYTES);
  const ceremonyId = randomBytes(CEREMONY_ID_BYTES);
  try {
    // The library accepts plain Uint8Arrays only (not Buffer, a subclass): hand it a copy and zero that too.
    const plain = new Uint8Array(recoveryKey);
    const secrets = await split(plain, opts.shares, opts.threshold);
    plain.fill(0);
    const payloads: SharePayload[] = secrets.map((secret, i) => ({
      vaultId,
      ceremonyId,
      index: i + 1,
      threshold: opts.threshold,
      shares: opts.shares,
      secret: Buffer.from(secret),
    }));
    for (const s of secrets) s.fill(0);
    const fingerprints = payloads.map(shareFingerprint);
    const shares = payloads.map((p, i) => ({
      index: p.index,
      threshold: p.threshold,
      shares: p.shares,
      groups: encodeShareGroups(p),
      fingerprint: groupedHex(fingerprints[i]!),
    }));
    for (const p of payloads) p.secret.fill(0);
    return {
      setup: {
        threshold: opts.threshold,
        shares: opts.shares,
        vaultId,
        ceremonyId,
        // whole seconds: the header stores milliseconds, but a printed date needs no more
        createdAt: new Date(Math.floor(opts.now.getTime() / 1000) * 1000),
        publicKey: recoveryPublicKey(recoveryKey),
        fingerprints,
      },
      shares,
    };
  } finally {
    recoveryKey.fill(0);
  }
}

/** A share as given back: `label` names it in errors (a file name, or "typed share 2"). */
export interface ShareInput {
  label: string;
  text: string;
}

function invalid(problems: string[]): AppError {
  return new AppError('SHARE_INVALID', `Not accepted — ${problems.join('; ')}.`);
}

/**
 * Rebuilds the recovery key from shares of the vault's current ceremony and proves it is the key `setup`
 * names. Every share is checked before anything is combined; the error names each share that is corrupted,
 * belongs to another vault or ceremony, or does not match its fingerprint (SHARE_INVALID), or says how many
 * more are needed (SHARES_INSUFFICIENT). The caller zeroes the returned key.
 */
export async function reconstructRecoveryKey(
  inputs: readonly ShareInput[],
  setup: RecoverySetup | null,
): Promise<{ recoveryKey: Buffer; used: number[] }> {
  if (!setup) throw new AppError('NO_RECOVERY', 'This vault has no recovery shares set up.');
  const problems: string[] = [];
  const byIndex = new Map<number, { label: string; payload: SharePayload }>();
  for (const input of inputs) {
    let payload: SharePayload;
    try {
      payload = decodeShareText(input.text);
    } catch (e) {
      if (e instanceof ShareFormatError) {
        problems.push(`${input.label} is corrupted: ${e.message}`);
        continue;
      }
      throw e;
    }
    const problem = foreignProblem(payload, setup);
    if (problem) {
      problems.push(`${input.label} (share ${payload.index} of ${payload.shares}) ${problem}`);
      continue;
    }
    const seen = byIndex.get(payload.index);
    if (seen) {
      problems.push(`${input.label} is share ${payload.index} again (already given as ${seen.label})`);
      continue;
    }
    byIndex.set(payload.index, { label: input.label, payload });
  }
  if (problems.length) throw invalid(problems);
  const given = [...byIndex.keys()].sort((a, b) => a - b);
  if (given.length < setup.threshold) {
    throw new AppError(
      'SHARES_INSUFFICIENT',
      `${setup.threshold} of the ${setup.shares} shares are needed; got ${given.length}` +
        (given.length ? ` (share${given.length === 1 ? '' : 's'} ${given.join(', ')})` : '') +
        `: ${setup.threshold - given.length} more.`,
    );
  }
  const used = given.slice(0, setup.threshold);
  const plainShares = used.map((i) => new Uint8Array(byIndex.get(i)!.payload.secret));
  const combined = await combine(plainShares);
  const recoveryKey = Buffer.from(combined);
  combined.fill(0);
  for (const s of plainShares) s.fill(0);
  for (const { payload } of byIndex.values()) payload.secret.fill(0);
  if (!timingSafeEqual(recoveryPublicKey(recoveryKey), setup.publicKey)) {
    recoveryKey.fill(0);
    throw invalid(["the shares do not rebuild this vault's recovery key"]);
  }
  return { recoveryKey, used };
}

/** Why a well-formed share cannot belong to the current ceremony, or null. */
function foreignProblem(p: SharePayload, setup: RecoverySetup): string | null {
  if (!p.vaultId.equals(setup.vaultId)) {
    return (
      `belongs to another vault (vault id ${groupedHex(p.vaultId)}; this vault is ` +
      `${groupedHex(setup.vaultId)})`
    );
  }
  if (!p.ceremonyId.equals(setup.ceremonyId)) {
    return (
      `is from another recovery ceremony (${groupedHex(p.ceremonyId)}; the current one, ` +
      `${groupedHex(setup.ceremonyId)}, was created ${setup.createdAt.toISOString()}): ` +
      'shares of a rotated or removed ceremony open nothing'
    );
  }
  if (p.threshold !== setup.threshold || p.shares !== setup.shares)
    return `says ${p.threshold} of ${p.shares}, but this ceremony is ${setup.threshold} of ${setup.shares}`;
  const expected = setup.fingerprints[p.index - 1];
  if (!expected || !shareFingerprint(p).equals(expected))
    return 'does not match the fingerprint recorded for it: it was altered';
  return null;
}
