/**
 * The verdict roll-ups of the last session, kept beside the vault (`<vault>.verdicts`) so that an unlock need
 * not judge every chain again before the dashboard can count them (at 100,000 certificates that pass is most of
 * the wait). It caches a pure function: each row keeps every input its roll-up was computed from (the inputs
 * RememberedRollUp lists, the certificate's SHA-256 and the rules' revision), and verdictRollUp takes a row
 * only while all of them still match, exactly as for a roll-up remembered in memory. A verdict that decides an
 * action (export, the mTLS check, issuance) never reads it: those call the path validator themselves.
 *
 * The file is sealed with AES-256-GCM under a key derived from the vault's data key, so only a session that
 * unlocked this vault can read or make one. One that does not open (another vault's, damaged, cut short, from
 * other rules or another layout) is ignored and the verdicts are judged afresh; nothing else depends on it.
 */
import { createHash } from 'node:crypto';
import { open, readFile, rename, stat } from 'node:fs/promises';
import type { ChainPurpose } from '../core/pki';
import type { Vault } from '../core/vault';
import { tempPathFor, unlinkQuiet, writeAllAt } from '../core/vault/durable-fs';
import { openGcm, sealGcm } from '../core/vault/keyring';
import { verdictCachePathFor } from '../core/vault/paths';
import type { Inventory, InventoryEntry } from './inventory';
import {
  storedRollUp,
  vaultTrust,
  VERDICT_RULES_VERSION,
  type RememberedRollUp,
  type VerdictRollUp,
} from './verdicts';

/** "CDVERDCT", then the layout version: the seal's associated data, with the rules' revision. */
const MAGIC = Buffer.from('CDVERDCT', 'latin1');
const LAYOUT = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;
/** A row: the first 16 bytes of the certificate's SHA-256, its group, the steady span (ms since the epoch). */
const ID_BYTES = 16;
const ROW_BYTES = ID_BYTES + 4 + 8 + 8;
/** Far above a vault's worth of rows (100,000 certificates make about 4 MiB): a larger file is not read. */
const MAX_FILE_BYTES = 256 * 2 ** 20;

/** What the certificates of one group share: every input of the roll-up except the certificate and its span. */
interface Group {
  purpose: ChainPurpose;
  tracked: boolean;
  /** SHA-256 of each CA on the path above the certificate, nearest first */
  cas: string[];
  vouch: string | null;
  revocations: string;
  rollUp: VerdictRollUp;
}

interface Header {
  rules: number;
  digest: string;
  rows: number;
  groups: Group[];
}

const associatedData = (): Buffer => {
  const aad = Buffer.alloc(MAGIC.length + 5);
  MAGIC.copy(aad);
  aad.writeUInt8(LAYOUT, MAGIC.length);
  aad.writeUInt32BE(VERDICT_RULES_VERSION, MAGIC.length + 1);
  return aad;
};

const sha256Hex = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

/**
 * The rows of every certificate whose remembered roll-up was computed from the vault's present CAs, CRLs and
 * vouches, in inventory order (the order the next unlock replays them in); null when there is none.
 */
export function encodeVerdictCache(inventory: Inventory): Buffer | null {
  const trust = vaultTrust(inventory);
  const caIndex = new Map(trust.knownCas.map((k, i) => [k.der, i]));
  const caSha = trust.knownCas.map((k) => sha256Hex(k.der));
  const rollUpIds = new Map<VerdictRollUp, number>();
  const groups: Group[] = [];
  const groupIndex = new Map<string, number>();
  const rows: { entry: InventoryEntry; group: number; from: number; until: number }[] = [];
  for (const entry of inventory.entries.values()) {
    const r = entry.remembered;
    if (!r || r.digest !== trust.digest || r.path[0] !== entry.der) continue;
    // A group's key from the CAs' places and the roll-up's identity: 100,000 certificates share a few.
    let key = `${r.purpose} ${r.tracked} ${r.vouch ?? '-'} ${r.revocations}`;
    for (let i = 1; i < r.path.length; i++) key += ` ${caIndex.get(r.path[i]!) ?? -1}`;
    let rollUpId = rollUpIds.get(r.rollUp);
    if (rollUpId === undefined) rollUpIds.set(r.rollUp, (rollUpId = rollUpIds.size));
    key += ` r${rollUpId}`;
    let index = groupIndex.get(key);
    if (index === undefined) {
      const cas: string[] = [];
      for (const der of r.path.slice(1)) {
        const at = caIndex.get(der);
        if (at !== undefined) cas.push(caSha[at]!);
      }
      // a path through a certificate that is no longer a vault CA: its roll-up cannot be kept
      if (cas.length !== r.path.length - 1) continue;
      const group: Group = {
        purpose: r.purpose,
        tracked: r.tracked,
        cas,
        vouch: r.vouch ?? null,
        revocations: r.revocations,
        rollUp: r.rollUp,
      };
      groupIndex.set(key, (index = groups.push(group) - 1));
    }
    rows.push({ entry, group: index, from: r.from, until: r.until });
  }
  if (rows.length === 0) return null;
  const header: Header = { rules: VERDICT_RULES_VERSION, digest: trust.digest, rows: rows.length, groups };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const out = Buffer.alloc(4 + headerBytes.length + rows.length * ROW_BYTES);
  out.writeUInt32BE(headerBytes.length, 0);
  headerBytes.copy(out, 4);
  let at = 4 + headerBytes.length;
  for (const row of rows) {
    out.write(row.entry.summary.sha256.slice(0, ID_BYTES * 2), at, 'hex');
    out.writeUInt32LE(row.group, at + ID_BYTES);
    out.writeDoubleLE(row.from, at + ID_BYTES + 4);
    out.writeDoubleLE(row.until, at + ID_BYTES + 12);
    at += ROW_BYTES;
  }
  return out;
}

const isString = (v: unknown): v is string => typeof v === 'string';
const PURPOSES: readonly ChainPurpose[] = ['serverAuth', 'clientAuth', 'any'];

function readGroup(v: unknown): Group | null {
  if (typeof v !== 'object' || v === null) return null;
  const g = v as Record<string, unknown>;
  const rollUp = g.rollUp as Record<string, unknown> | undefined;
  const chain = rollUp?.trackedChain as Record<string, unknown> | undefined;
  const wellFormed =
    PURPOSES.includes(g.purpose as ChainPurpose) &&
    typeof g.tracked === 'boolean' &&
    Array.isArray(g.cas) &&
    g.cas.every(isString) &&
    (g.vouch === null || isString(g.vouch)) &&
    isString(g.revocations) &&
    typeof rollUp === 'object' &&
    rollUp !== null &&
    (rollUp.invalidReason === undefined || isString(rollUp.invalidReason)) &&
    (rollUp.timeUnreadable === undefined || rollUp.timeUnreadable === true) &&
    (chain === undefined ||
      (['valid', 'invalid', 'issuer-unknown'].includes(chain.verdict as string) && isString(chain.message)));
  return wellFormed ? (g as unknown as Group) : null;
}

function readHeader(plain: Buffer): Header | null {
  if (plain.length < 4) return null;
  const length = plain.readUInt32BE(0);
  if (4 + length > plain.length) return null;
  let parsed: unknown;
  try {
    parsed = JSON.parse(plain.toString('utf8', 4, 4 + length));
  } catch {
    return null;
  }
  if (typeof parsed !== 'object' || parsed === null) return null;
  const h = parsed as Record<string, unknown>;
  if (h.rules !== VERDICT_RULES_VERSION || !isString(h.digest) || !Array.isArray(h.groups)) return null;
  const rows = h.rows;
  if (typeof rows !== 'number' || !Number.isInteger(rows) || 4 + length + rows * ROW_BYTES !== plain.length)
    return null;
  const groups = h.groups.map(readGroup);
  if (groups.some((g) => g === null)) return null;
  return { rules: VERDICT_RULES_VERSION, digest: h.digest, rows, groups: groups as Group[] };
}

/**
 * A roll-up taken from the file: a class of its own so that a lock can tell whether the session judged anything
 * the file lacks (a verdict replaces an entry's roll-up, never edits it), and cheap to make for 100,000.
 */
class KeptRollUp implements RememberedRollUp {
  readonly purpose: ChainPurpose;
  readonly tracked: boolean;
  readonly vouch: string | undefined;
  readonly revocations: string;
  readonly rollUp: VerdictRollUp;
  constructor(
    readonly digest: string,
    group: {
      purpose: ChainPurpose;
      tracked: boolean;
      vouch: string | undefined;
      revocations: string;
      rollUp: VerdictRollUp;
    },
    readonly from: number,
    readonly until: number,
    readonly path: readonly Uint8Array[],
  ) {
    this.purpose = group.purpose;
    this.tracked = group.tracked;
    this.vouch = group.vouch;
    this.revocations = group.revocations;
    this.rollUp = group.rollUp;
  }
}

/** Whether some certificate has a roll-up under the present CAs, CRLs and vouches that the file lacks. */
function judgedSinceUnlock(inventory: Inventory): boolean {
  const { digest } = vaultTrust(inventory);
  for (const e of inventory.entries.values())
    if (e.remembered && e.remembered.digest === digest && !(e.remembered instanceof KeptRollUp)) return true;
  return false;
}

const HEX_DIGITS = [...'0123456789abcdef'].map((c) => c.charCodeAt(0));

/**
 * Whether the row at `at` is for the certificate of SHA-256 `sha` (lower-case hex), by the row's first
 * ID_BYTES; digit by digit, since it is asked for every certificate at unlock.
 */
function rowIsFor(plain: Buffer, at: number, sha: string): boolean {
  for (let i = 0; i < ID_BYTES; i++) {
    const byte = plain[at + i]!;
    if (
      sha.charCodeAt(2 * i) !== HEX_DIGITS[byte >> 4] ||
      sha.charCodeAt(2 * i + 1) !== HEX_DIGITS[byte & 15]
    )
      return false;
  }
  return true;
}

/**
 * Gives each certificate without a remembered roll-up the one its row keeps, when the rows were made under the
 * vault's present CAs, CRLs and vouches; verdictRollUp still checks the rest before using one. Returns how many
 * certificates got one.
 */
export function adoptVerdictCache(inventory: Inventory, plain: Buffer): number {
  const header = readHeader(plain);
  if (!header) return 0;
  const trust = vaultTrust(inventory);
  if (header.digest !== trust.digest) return 0;
  const caBySha = new Map(trust.knownCas.map((k) => [sha256Hex(k.der), k.der]));
  const groups = header.groups.map((g) => {
    const above = g.cas.map((sha) => caBySha.get(sha));
    if (above.some((der) => der === undefined)) return null;
    return {
      ...g,
      above: above as Uint8Array[],
      vouch: g.vouch ?? undefined,
      rollUp: storedRollUp(g.rollUp),
    };
  });
  const base = plain.length - header.rows * ROW_BYTES;
  const view = new DataView(plain.buffer, plain.byteOffset, plain.byteLength);
  let byId: Map<string, number> | undefined;
  let next = 0;
  let adopted = 0;
  for (const entry of inventory.entries.values()) {
    const sha = entry.summary.sha256;
    let row: number | undefined;
    // The rows are in the order of the last session's inventory: most certificates are where they were.
    if (next < header.rows && rowIsFor(plain, base + next * ROW_BYTES, sha)) row = next++;
    else {
      if (!byId) {
        byId = new Map();
        for (let i = 0; i < header.rows; i++) {
          const at = base + i * ROW_BYTES;
          byId.set(plain.toString('hex', at, at + ID_BYTES), i);
        }
      }
      row = byId.get(sha.slice(0, ID_BYTES * 2));
    }
    if (row === undefined || entry.remembered) continue;
    const at = base + row * ROW_BYTES;
    const group = groups[view.getUint32(at + ID_BYTES, true)];
    if (!group) continue;
    const remembered = new KeptRollUp(
      header.digest,
      group,
      view.getFloat64(at + ID_BYTES + 4, true),
      view.getFloat64(at + ID_BYTES + 12, true),
      pathOf(entry.der, group.above),
    );
    entry.remembered = remembered;
    adopted++;
  }
  return adopted;
}

/** `leaf` and the CAs above it, built without a spread: done for every certificate at unlock. */
function pathOf(leaf: Uint8Array, above: readonly Uint8Array[]): Uint8Array[] {
  const path = new Array<Uint8Array>(above.length + 1);
  path[0] = leaf;
  for (let i = 0; i < above.length; i++) path[i + 1] = above[i]!;
  return path;
}

function sealCache(vault: Vault, plain: Buffer): Buffer {
  const aad = associatedData();
  const { iv, ct, tag } = sealGcm(vault.integrityKeys('verdict-cache')[0]!, plain, aad);
  return Buffer.concat([aad, iv, tag, ct]);
}

function openCache(vault: Vault, file: Buffer): Buffer | null {
  const aad = associatedData();
  const start = aad.length + IV_BYTES + TAG_BYTES;
  if (file.length < start || !file.subarray(0, aad.length).equals(aad)) return null;
  return openGcm(
    vault.integrityKeys('verdict-cache')[0]!,
    file.subarray(aad.length, aad.length + IV_BYTES),
    file.subarray(start),
    file.subarray(aad.length + IV_BYTES, start),
    aad,
  );
}

/**
 * Reads `<vault>.verdicts` into the inventory just unlocked (adoptVerdictCache); 0 when there is no file or it
 * does not open.
 */
export async function loadVerdictCache(
  vaultPath: string,
  vault: Vault,
  inventory: Inventory,
): Promise<number> {
  const path = verdictCachePathFor(vaultPath);
  try {
    if ((await stat(path)).size > MAX_FILE_BYTES) return 0;
    const plain = openCache(vault, await readFile(path));
    return plain ? adoptVerdictCache(inventory, plain) : 0;
  } catch {
    return 0;
  }
}

/**
 * Writes the roll-ups remembered now to `<vault>.verdicts` (atomically: a new file renamed over the old), or
 * removes the file when none is left; keeps the file when the session judged nothing it lacks. No fsync: a cache
 * lost in a crash only costs the next unlock its verdicts.
 */
export async function saveVerdictCache(vaultPath: string, vault: Vault, inventory: Inventory): Promise<void> {
  const path = verdictCachePathFor(vaultPath);
  if (!judgedSinceUnlock(inventory)) return;
  const plain = encodeVerdictCache(inventory);
  if (!plain) return unlinkQuiet(path);
  const tmp = tempPathFor(path);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await writeAllAt(fh, sealCache(vault, plain), 0);
    await fh.close();
    await rename(tmp, path);
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlinkQuiet(tmp);
    throw e;
  }
}
