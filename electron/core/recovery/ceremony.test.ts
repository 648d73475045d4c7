import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createVault, verifyRecoveryKey, type RecoverySetup } from '../vault';
import { PASS, TEST_KDF, tempDir, errorOf } from '../vault/test-support/helpers';
import { newCeremony, reconstructRecoveryKey, type Ceremony, type ShareInput } from './ceremony';
import { decodeShareText, encodeShareGroups, shareTextBlock } from './share-code';

let dir: string;
let cleanup: () => void;
beforeAll(() => ({ dir, cleanup } = tempDir('ceremony-')));
afterAll(() => cleanup());

const NOW = new Date('2026-03-04T05:06:07.890Z');
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

function inputs(c: Ceremony, indices: readonly number[]): ShareInput[] {
  return indices.map((i) => ({
    label: `share-${i}.txt`,
    text: shareTextBlock(c.shares[i - 1]!.groups),
  }));
}

function subsets(n: number, k: number): number[][] {
  if (k === 0) return [[]];
  const out: number[][] = [];
  for (let first = 1; first <= n; first++)
    for (const rest of subsets(n, k - 1)) if (rest.every((r) => r > first)) out.push([first, ...rest]);
  return out;
}

/** A vault holding the ceremony's recovery slot. */
async function vaultFor(c: Ceremony, name: string): Promise<string> {
  const path = join(dir, `${name}.vault`);
  const vault = await createVault(path, PASS, { kdf: TEST_KDF });
  await vault.setRecovery(c.setup);
  await vault.lock();
  return path;
}

describe('recovery ceremony', () => {
  it('for N ≤ 5 every M-subset of shares opens the vault and every (M−1)-subset is refused as too few', async () => {
    let opened = 0;
    let refused = 0;
    for (let n = 2; n <= 5; n++) {
      for (let m = 2; m <= n; m++) {
        const c = await newCeremony({ threshold: m, shares: n, now: NOW });
        const path = await vaultFor(c, `m${m}n${n}`);
        for (const subset of subsets(n, m)) {
          const { recoveryKey, used } = await reconstructRecoveryKey(inputs(c, subset), c.setup);
          expect(used).toEqual(subset);
          await verifyRecoveryKey(path, recoveryKey);
          recoveryKey.fill(0);
          opened++;
        }
        for (const subset of subsets(n, m - 1)) {
          const e = await errorOf(reconstructRecoveryKey(inputs(c, subset), c.setup));
          expect(e.code).toBe('SHARES_INSUFFICIENT');
          expect(e.message).toContain(`${m} of the ${n} shares are needed; got ${m - 1}`);
          refused++;
        }
      }
    }
    expect(opened).toBe(42);
    expect(refused).toBe(52);
  });

  it('names shares of a rotated ceremony and of another vault, and opens nothing with them', async () => {
    const first = await newCeremony({ threshold: 2, shares: 3, now: NOW });
    const rotated = await newCeremony({ threshold: 2, shares: 3, now: NOW, vaultId: first.setup.vaultId });
    const other = await newCeremony({ threshold: 2, shares: 3, now: NOW });
    const e = await errorOf(reconstructRecoveryKey(inputs(first, [1, 2]), rotated.setup));
    expect(e.code).toBe('SHARE_INVALID');
    expect(e.message).toMatch(/share-1\.txt \(share 1 of 3\) is from another recovery ceremony/);
    expect(e.message).toMatch(/share-2\.txt \(share 2 of 3\) is from another recovery ceremony/);
    const mixed = [...inputs(rotated, [1]), ...inputs(other, [2])];
    const e2 = await errorOf(reconstructRecoveryKey(mixed, rotated.setup));
    expect(e2.message).toMatch(/share-2\.txt \(share 2 of 3\) belongs to another vault/);
    expect(e2.message).not.toMatch(/share-1\.txt/);
  });

  it('catches every single mistyped character by its group check and names the group', async () => {
    const c = await newCeremony({ threshold: 2, shares: 2, now: NOW });
    const groups = c.shares[0]!.groups;
    let caught = 0;
    for (let g = 0; g < groups.length; g++) {
      for (let pos = 0; pos < 5; pos++) {
        for (const ch of ALPHABET) {
          if (ch === groups[g]![pos]) continue;
          const typo = [...groups];
          typo[g] = typo[g]!.slice(0, pos) + ch + typo[g]!.slice(pos + 1);
          expect(() => decodeShareText(typo.join(' '))).toThrow(`group ${g + 1} fails its check`);
          caught++;
        }
      }
    }
    expect(caught).toBe(23 * 5 * 31);
    // Swap two neighbouring characters of share 2's group 7 that differ (a swap of equal ones is no typo).
    const second = c.shares[1]!.groups;
    const typo = [...second];
    const g7 = second[6]!;
    const at = [0, 1, 2, 3].find((i) => g7[i] !== g7[i + 1]);
    typo[6] =
      at === undefined
        ? `${[...ALPHABET].find((ch) => ch !== g7[0])}${g7.slice(1)}`
        : `${g7.slice(0, at)}${g7[at + 1]}${g7[at]}${g7.slice(at + 2)}`;
    expect(typo[6]).not.toBe(g7);
    expect(() => decodeShareText(typo.join(' '))).toThrow('group 7 fails');
    const e = await errorOf(
      reconstructRecoveryKey([...inputs(c, [1]), { label: 'typed share 2', text: typo.join(' ') }], c.setup),
    );
    expect(e.code).toBe('SHARE_INVALID');
    expect(e.message).toMatch(/typed share 2 is corrupted: group 7/);
  });

  it('reads shares typed in lower case with O/I/L look-alikes, and refuses swapped groups by the whole-share check', async () => {
    const c = await newCeremony({ threshold: 2, shares: 2, now: NOW });
    const groups = c.shares[1]!.groups;
    const sloppy = groups.join('-').toLowerCase().replace(/0/g, 'o').replace(/1/g, 'l');
    expect(decodeShareText(sloppy).index).toBe(2);
    const swapped = [groups[1]!, groups[0]!, ...groups.slice(2)];
    expect(() => decodeShareText(swapped.join(' '))).toThrow(/group 1|whole-share check/);
    expect(() => decodeShareText(groups.slice(1).join(' '))).toThrow(/23 groups of 5 characters/);
  });

  it('names a share whose checks pass but whose bytes were altered, by its recorded fingerprint', async () => {
    const c = await newCeremony({ threshold: 2, shares: 3, now: NOW });
    const payload = decodeShareText(c.shares[2]!.groups.join(' '));
    payload.secret[0]! ^= 1;
    const forged = encodeShareGroups(payload).join(' ');
    const e = await errorOf(
      reconstructRecoveryKey([...inputs(c, [1]), { label: 'forged', text: forged }], c.setup),
    );
    expect(e.message).toMatch(/forged \(share 3 of 3\) does not match the fingerprint/);
  });

  it('refuses thresholds and counts outside 2 ≤ M ≤ N ≤ 16', async () => {
    for (const [m, n] of [
      [1, 3],
      [4, 3],
      [2, 17],
    ] as const) {
      expect((await errorOf(newCeremony({ threshold: m, shares: n, now: NOW }))).code).toBe('INVALID_INPUT');
    }
    const max = await newCeremony({ threshold: 16, shares: 16, now: NOW });
    const setup: RecoverySetup = max.setup;
    const all = Array.from({ length: 16 }, (_, i) => i + 1);
    expect((await reconstructRecoveryKey(inputs(max, all), setup)).used).toEqual(all);
  });
});
