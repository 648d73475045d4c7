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
import { constants } from 'node:fs';
import { open, rename } from 'node:fs/promises';
import type { ChainPurpose } from '../core/pki';
import type { Vault } from '../core/vault';
import { tempPathFor, unlinkQuiet, writeAllAt } from '../core/vault/durable-fs';
import { openGcm, sealGcm } from '../core/vault/keyring';
import { verdictCachePathFor } from '../core/vault/paths';
import type { Inventory, InventoryEntry } from './inventory';
import {
  storedRollUp,
  vaultTrust,
  VERDICT_RULES,
  type RememberedRollUp,
  type VaultTrust,
  type VerdictRollUp,
} from './verdicts';

/** "CDVERDCT", then the layout version: the start of the seal's associated data. */
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
  rules: string;
  digest: string;
  rows: number;
  groups: Group[];
}

/**
 * What a row was judged by besides the vault: the rules (VERDICT_RULES) and the runtime whose crypto verified
 * the signatures no vouch covers (Node's OpenSSL in the CLI, Electron's BoringSSL in the app). A file made by
 * other rules or another runtime does not open: its rows are judged again.
 */
const JUDGED_BY = JSON.stringify({
  rules: VERDICT_RULES,
  node: process.versions.node,
  openssl: process.versions.openssl,
  electron: process.versions.electron ?? null,
});

/** The seal's associated data: magic, layout, the length of JUDGED_BY (u32) and JUDGED_BY itself. */
const associatedData = (): Buffer => {
  const judgedBy = Buffer.from(JUDGED_BY, 'utf8');
  const aad = Buffer.alloc(MAGIC.length + 5 + judgedBy.length);
  MAGIC.copy(aad);
  aad.writeUInt8(LAYOUT, MAGIC.length);
  aad.writeUInt32BE(judgedBy.length, MAGIC.length + 1);
  judgedBy.copy(aad, MAGIC.length + 5);
  return aad;
};

const sha256Hex = (der: Uint8Array): string => createHash('sha256').update(der).digest('hex');

/**
 * The rows of every certificate whose remembered roll-up was computed from the vault's present CAs, CRLs and
 * vouches, in inventory order (the order the next unlock replays them in); null when there is none.
 */
export function encodeVerdictCache(
  inventory: Inventory,
  trust: VaultTrust = vaultTrust(inventory),
): Buffer | null {
  const caIndex = new Map(trust.knownCas.map((k, i) => [k.der, i]));
  const caSha = trust.knownCas.map((k) => sha256Hex(k.der));
  // by content: certificates that failed alike (under an expired CA, say) each have a roll-up of their own
  const rollUpKeys = new Map<VerdictRollUp, string>();
  const groups: Group[] = [];
  const groupIndex = new Map<string, number>();
  const rows: { entry: InventoryEntry; group: number; from: number; until: number }[] = [];
  for (const entry of inventory.entries.values()) {
    const r = entry.remembered;
    if (!r || r.digest !== trust.digest || r.path[0] !== entry.der) continue;
    // A group's key from the CAs' places and the roll-up: 100,000 certificates share a few.
    let key = `${r.purpose} ${r.tracked} ${r.vouch ?? '-'} ${JSON.stringify(r.revocations)}`;
    for (let i = 1; i < r.path.length; i++) key += ` ${caIndex.get(r.path[i]!) ?? -1}`;
    let rollUpKey = rollUpKeys.get(r.rollUp);
    if (rollUpKey === undefined) rollUpKeys.set(r.rollUp, (rollUpKey = JSON.stringify(r.rollUp)));
    key += ` ${rollUpKey}`;
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
  const header: Header = { rules: VERDICT_RULES, digest: trust.digest, rows: rows.length, groups };
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
  if (h.rules !== VERDICT_RULES || !isString(h.digest) || !Array.isArray(h.groups)) return null;
  const rows = h.rows;
  if (typeof rows !== 'number' || !Number.isInteger(rows) || 4 + length + rows * ROW_BYTES !== plain.length)
    return null;
  const groups = h.groups.map(readGroup);
  if (groups.some((g) => g === null)) return null;
  return { rules: VERDICT_RULES, digest: h.digest, rows, groups: groups as Group[] };
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
function judgedSinceUnlock(inventory: Inventory, { digest }: VaultTrust): boolean {
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

/** The key the file is sealed with; a passphrase change or a recovery rotation makes a new one mid-session. */
const cacheKey = (vault: Vault): Buffer => vault.integrityKeys('verdict-cache')[0]!;

/** The key each inventory's rows were opened with at unlock (see unchangedSinceUnlock). */
const openedWith = new WeakMap<Inventory, Buffer>();

function sealCache(key: Buffer, plain: Buffer): Buffer {
  const aad = associatedData();
  const { iv, ct, tag } = sealGcm(key, plain, aad);
  return Buffer.concat([aad, iv, tag, ct]);
}

function openCache(key: Buffer, file: Buffer): Buffer | null {
  const aad = associatedData();
  const start = aad.length + IV_BYTES + TAG_BYTES;
  if (file.length < start || !file.subarray(0, aad.length).equals(aad)) return null;
  return openGcm(
    key,
    file.subarray(aad.length, aad.length + IV_BYTES),
    file.subarray(start),
    file.subarray(aad.length + IV_BYTES, start),
    aad,
  );
}

/**
 * The file's bytes when it is a regular file of at most MAX_FILE_BYTES, else null: it is opened without
 * following a link and without blocking, so a FIFO or a device put in its place cannot hold up the unlock.
 */
async function readRegularFile(path: string): Promise<Buffer | null> {
  let fh;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
  } catch {
    return null;
  }
  try {
    const info = await fh.stat();
    if (!info.isFile() || info.size > MAX_FILE_BYTES) return null;
    const bytes = Buffer.alloc(info.size);
    const { bytesRead } = await fh.read(bytes, 0, info.size, 0);
    return bytesRead === info.size ? bytes : null;
  } finally {
    await fh.close();
  }
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
  const key = cacheKey(vault);
  openedWith.set(inventory, key);
  try {
    const file = await readRegularFile(verdictCachePathFor(vaultPath));
    const plain = file ? openCache(key, file) : null;
    return plain ? adoptVerdictCache(inventory, plain) : 0;
  } catch {
    return 0;
  }
}

/** What a lock writes: sealed bytes, nothing (remove the file), or 'keep' (the file already has it all). */
export type VerdictCacheUpdate = Buffer | null | 'keep';

/**
 * The file a lock leaves, sealed in memory while the session still has its keys (the write follows the lock):
 * 'keep' when the session judged nothing the file lacks and the key is the one it was opened with, null when
 * no roll-up is left to keep.
 */
export function verdictCacheUpdate(vault: Vault, inventory: Inventory): VerdictCacheUpdate {
  const key = cacheKey(vault);
  const sameKey = openedWith.get(inventory)?.equals(key) === true;
  const trust = vaultTrust(inventory);
  if (sameKey && !judgedSinceUnlock(inventory, trust)) return 'keep';
  const plain = encodeVerdictCache(inventory, trust);
  return plain ? sealCache(key, plain) : null;
}

/**
 * Writes a lock's update to `<vault>.verdicts` (atomically: a new file renamed over the old). No fsync: a cache
 * lost in a crash only costs the next unlock its verdicts.
 */
export async function writeVerdictCache(vaultPath: string, update: VerdictCacheUpdate): Promise<void> {
  if (update === 'keep') return;
  const path = verdictCachePathFor(vaultPath);
  if (!update) return unlinkQuiet(path);
  const tmp = tempPathFor(path);
  const fh = await open(tmp, 'wx', 0o600);
  try {
    await writeAllAt(fh, update, 0);
    await fh.close();
    await rename(tmp, path);
  } catch (e) {
    await fh.close().catch(() => undefined);
    await unlinkQuiet(tmp);
    throw e;
  }
}
