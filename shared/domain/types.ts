/** Domain types shared by main and renderer. Everything here is plain JSON: it crosses IPC as is. */

export const KEY_ALGORITHMS = ['ec-p256', 'ec-p384', 'rsa-2048', 'rsa-3072', 'rsa-4096', 'ed25519'] as const;
export type KeyAlgorithm = (typeof KEY_ALGORITHMS)[number];

/** Leaf profiles an operator issues; `root` and `intermediate` are CA profiles. */
export const PROFILES = ['root', 'intermediate', 'server', 'client', 'service', 'custom'] as const;
export type Profile = (typeof PROFILES)[number];
export const LEAF_PROFILES = ['server', 'client', 'service', 'custom'] as const;
export type LeafProfile = (typeof LEAF_PROFILES)[number];

export const SAN_TYPES = ['dns', 'ip', 'uri', 'email'] as const;
export type SanType = (typeof SAN_TYPES)[number];
export interface San {
  type: SanType;
  value: string;
}

export interface SubjectFields {
  cn: string;
  o?: string;
  ou?: string;
  c?: string;
  st?: string;
  l?: string;
}

export interface NameConstraintsSpec {
  permittedDns?: string[];
  excludedDns?: string[];
  /** CIDR notation, e.g. 10.0.0.0/8 or fd00::/8 */
  permittedIp?: string[];
  excludedIp?: string[];
  permittedEmail?: string[];
  excludedEmail?: string[];
  permittedUri?: string[];
  excludedUri?: string[];
}

/** RFC 5280 §5.3.1 reason codes by name. */
export const REVOCATION_REASONS = [
  'unspecified',
  'keyCompromise',
  'cACompromise',
  'affiliationChanged',
  'superseded',
  'cessationOfOperation',
  'certificateHold',
  'privilegeWithdrawn',
  'aACompromise',
] as const;
export type RevocationReason = (typeof REVOCATION_REASONS)[number];

/** `renewed`: superseded by a successor (it never counts as expiring: its replacement is what matters). */
export type CertStatus =
  'valid' | 'expiring' | 'expired' | 'revoked' | 'not-yet-valid' | 'invalid' | 'renewed';

/**
 * The small per-certificate record stored at issuance/import so lists and the dashboard never parse DER.
 * Status is derived (see expiry.ts) from the dates, `revoked` and the clock, never stored.
 */
export interface CertSummary {
  id: string;
  kind: 'ca' | 'leaf';
  profile: Profile;
  cn: string;
  subject: string;
  issuer: string;
  /** null for a self-signed root or an external certificate whose issuer is not in the vault */
  issuerId: string | null;
  serial: string;
  sans: San[];
  notBefore: string;
  notAfter: string;
  sha256: string;
  keyAlgorithm: string;
  /** true when the vault holds the private key (CAs that can sign; leaves that can be exported with key) */
  hasKey: boolean;
  pathLen?: number | null;
  revoked?: { at: string; reason: RevocationReason; invalidityDate?: string };
  /** the name (and comment) the certificate had in the tool it was imported from */
  label?: string;
  /** lineage: the certificate this one renewed, and the one that renewed it */
  replaces?: string;
  replacedBy?: string;
  createdAt: string;
  /**
   * Set by the service when the certificate's chain fails validation at the service's clock (an
   * issuer revoked or expired, pathLen or name constraints broken, no trusted root…): the first failing
   * reason. Computed on every read, never stored. Such a certificate is `invalid`, never valid/expiring.
   */
  invalidReason?: string;
  /**
   * Set by the service, with `invalidReason`, when the certificate's own notBefore or notAfter is not a valid
   * time (month 13, second 60…: kept in a vault from before CertDesk refused such certificates, as OpenSSL and
   * Go do). Its notBefore/notAfter are then what was stored, not facts, and it is `invalid` whatever they say.
   * Computed on every read, never stored.
   */
  timeUnreadable?: true;
  /**
   * A certificate CertDesk did not issue (a vendor's, a public gateway's), kept only to watch its expiry:
   * no key, never an issuer, never a trust anchor. Removed again by certs:untrack.
   */
  tracked?: boolean;
  /** Tracked certificates only: the chain verdict at the service's clock. Computed on every read. */
  trackedChain?: TrackedChain;
  /**
   * CAs only, set by the service: the certificate is self-signed (issuer and subject are the same bytes and its
   * own key verifies it), a root no CA issued. Unset for a CA whose issuer only displays like its subject
   * (PrintableString vs UTF8String) or that another key of the same name signed (a key rollover): with
   * `issuerId` null, its issuer is simply not in the vault. Computed on every read, never stored.
   */
  selfSigned?: true;
}

/**
 * `issuer-unknown`: the chain reaches no CA or trust anchor in the vault (the certificate's status then
 * follows its dates alone); `valid`/`invalid`: the path validator's verdict against the vault's anchors.
 */
export interface TrackedChain {
  verdict: 'valid' | 'invalid' | 'issuer-unknown';
  message: string;
}

/** What certs:track did with one file: certificates newly tracked, and those already in the vault. */
export interface TrackResult {
  added: CertSummary[];
  /** certificates in the file with a fingerprint already in the vault (tracked or issued), as stored */
  duplicates: CertSummary[];
}

export interface CalendarExportResult {
  path: string;
  /** one event per certificate */
  events: number;
  bytes: number;
  sha256: string;
}

export interface ExtensionView {
  oid: string;
  name: string;
  critical: boolean;
  /** human-readable lines, e.g. ["DNS:user-service", "IP:127.0.0.1"] */
  lines: string[];
}

export type LintSeverity = 'error' | 'warning' | 'info';
export interface LintFinding {
  id: string;
  severity: LintSeverity;
  message: string;
  explanation: string;
}

export interface ChainCheck {
  check:
    | 'signature'
    | 'validity'
    | 'ca-flag'
    | 'key-usage'
    | 'path-len'
    | 'name-constraints'
    | 'eku'
    | 'revocation'
    | 'trust';
  ok: boolean;
  message: string;
}

export interface ChainLink {
  id: string | null;
  subject: string;
  ok: boolean;
  checks: ChainCheck[];
}

/** Decoded view of one certificate, shared by the detail inspector and the CLI's `show`. */
export interface CertificateView {
  version: number;
  serial: string;
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  publicKey: { algorithm: string; size?: number; curve?: string };
  signatureAlgorithm: string;
  extensions: ExtensionView[];
  sans: San[];
  isCa: boolean;
  fingerprints: { sha256: string; sha1: string };
  /** base64 SHA-256 of the SubjectPublicKeyInfo (HPKP-style pin) */
  spkiSha256: string;
  pem: string;
}

export interface CertDetail {
  summary: CertSummary;
  view: CertificateView;
  chain: ChainLink[];
  lint: LintFinding[];
  /** ids of certificates this one renewed or was renewed by, oldest first, including itself */
  lineage: string[];
}

export interface CsrView {
  subject: string;
  subjectFields: SubjectFields;
  sans: San[];
  publicKey: { algorithm: string; size?: number; curve?: string };
  signatureValid: boolean;
  extensions: ExtensionView[];
  pem: string;
}

export interface CrlView {
  issuer: string;
  number: string | null;
  thisUpdate: string;
  nextUpdate: string | null;
  revoked: { serial: string; date: string; reason: RevocationReason | null }[];
  signatureValidBy: string | null;
  pem: string;
}

export interface CrlInfo {
  caId: string;
  number: number;
  thisUpdate: string;
  nextUpdate: string;
  pem: string;
}

export interface CrlSaveResult {
  path: string;
  format: 'pem' | 'der';
  number: number;
  bytes: number;
  sha256: string;
}

export interface IssueResult {
  summary: CertSummary;
  pem: string;
  fingerprints: { sha256: string; sha1: string };
  lint: LintFinding[];
  opensslCommands: string[];
  /** set when the requested validity was clamped to the issuer's notAfter */
  note?: string;
}

export interface IssuePreview {
  /** Plain-language lines; the validity is not among them: front-ends format notBefore/notAfter themselves. */
  summaryLines: string[];
  notBefore: string;
  notAfter: string;
  lint: LintFinding[];
  opensslCommands: string[];
  note?: string;
}

export interface AuditEntry {
  seq: number;
  time: string;
  operation: string;
  outcome: 'ok' | 'failed';
  subject?: string;
  serial?: string;
  sha256?: string;
  detail?: string;
  /** hex HMAC-SHA256 (keyed by the vault) chaining this entry to the previous one */
  mac?: string;
  /** format 1 entries: hex SHA-256 chaining this entry to the previous one (unkeyed) */
  hash?: string;
  /** first entry of a segment started after a break: the mac of the last verified entry it continues */
  prev?: string;
  /** copied from the unauthenticated failed-unlock file at the next unlock: its content is not proven */
  origin?: 'unauthenticated';
}

/** A break of the audit chain found before an append, recorded inside the vault. */
export interface AuditBreak {
  id: string;
  /** when it was found */
  at: string;
  /** what did not hold */
  reason: string;
  /** file name the damaged log was kept under, beside the vault */
  keptAs: string;
  /** the last entry that still verified; the new segment continues after it */
  lastVerified: { count: number; hash: string };
  /** acknowledgement by the operator (the break stays listed) */
  acknowledged?: { at: string };
}

export interface AuditVerifyResult {
  ok: boolean;
  entries: number;
  /** seq of the first entry whose chain does not hold */
  brokenAt?: number;
  message: string;
  /** every break recorded in the vault, acknowledged or not; ok is false while one is unacknowledged */
  breaks?: AuditBreak[];
}

export interface ExpiryThresholds {
  /** days: red */
  critical: number;
  /** days: amber; a certificate inside this window is "expiring" */
  warning: number;
  /** days: shown in the expiring-soon list */
  notice: number;
}

export interface Settings {
  thresholds: ExpiryThresholds;
  defaultValidityDays: Record<'server' | 'client' | 'service' | 'intermediate' | 'root', number>;
  defaultKeyAlgorithm: KeyAlgorithm;
  autoLockMinutes: number;
  theme: 'system' | 'light' | 'dark';
  crlNextUpdateDays: number;
}

export const DEFAULT_SETTINGS: Settings = {
  thresholds: { critical: 7, warning: 30, notice: 90 },
  defaultValidityDays: { server: 397, client: 397, service: 397, intermediate: 1825, root: 3650 },
  defaultKeyAlgorithm: 'ec-p256',
  autoLockMinutes: 10,
  theme: 'system',
  crlNextUpdateDays: 7,
};

export type VaultState = 'none' | 'locked' | 'unlocked';
/** How the operator may go on with a damaged vault; main offers these, the renderer chooses among them. */
export type DamagedVaultChoice = 'read-only' | 'repair' | 'restore-previous';

/** Acknowledged records are missing from the vault file: nothing was changed, the operator chooses. */
export interface VaultDamageOffer {
  /** what is missing, as main found it */
  message: string;
  choices: DamagedVaultChoice[];
  /** the previous generation main would restore from, when one exists (shown, never sent back) */
  backupPath?: string;
}

/** The vault is older than the newest state this workstation saw; accepting is main's confirmation. */
export interface VaultRollbackOffer {
  /** what is older, with both dates */
  message: string;
  /** what opening it undoes */
  lost: string;
}

export interface VaultStatus {
  state: VaultState;
  path: string | null;
  /** locked after an unlock refused as damaged, or unlocked read-only because of it */
  damage?: VaultDamageOffer;
  /** locked after an unlock refused as rolled back */
  rolledBack?: VaultRollbackOffer;
  /** set while unlocked read-only: why every change is refused */
  readOnly?: string;
  /** set after an unlock that dropped a torn, never-acknowledged final record */
  recoveredNote?: string;
  /** set while the vault's KDF cost is below the policy (a read-only open cannot upgrade it) */
  kdfWarning?: string;
}

export interface AppInfo {
  name: string;
  version: string;
  platform: string;
  vault: VaultStatus;
  /** true in Electron (native file dialogs behind dialog:*); false in the harness and CLI, where paths are typed */
  nativeDialogs?: boolean;
  /** the service's clock (ISO): the renderer derives statuses from it, so a harness `now` moves both */
  now?: string;
}

export interface ExportResult {
  dir: string;
  bundles: { id: string; cn: string; dir: string; files: string[] }[];
  unencryptedKeys: boolean;
  /** trust bundles: CAs left out because they must not be trusted any more */
  excluded?: {
    id: string;
    cn: string;
    reason: 'revoked' | 'expired';
    /** why, with the instant, e.g. "revoked 2026-01-02T00:00:00.000Z (keyCompromise)" */
    detail?: string;
  }[];
}

export interface HandshakeReport {
  ok: boolean;
  /** machine-readable failure reason */
  reason?:
    | 'name-mismatch'
    | 'missing-server-eku'
    | 'missing-client-eku'
    | 'server-key-usage'
    | 'client-key-usage'
    | 'expired'
    | 'not-yet-valid'
    | 'unknown-ca'
    | 'revoked'
    | 'other';
  message: string;
  serverName: string;
  peer?: { cn: string; uris: string[] };
  protocol?: string;
  cipher?: string;
}

export interface BatchRowOutcome {
  index: number;
  name: string;
  status: 'issued' | 'invalid' | 'failed' | 'cancelled';
  /** set when issued */
  id?: string;
  serial?: string;
  notAfter?: string;
  sha256?: string;
  errors: string[];
}

export interface BatchResult {
  batchId: string;
  caId: string;
  issued: number;
  failed: number;
  cancelled: boolean;
  rows: BatchRowOutcome[];
  elapsedMs: number;
}

/** Payload of the 'batch:progress' event. */
export interface BatchProgress {
  batchId: string;
  done: number;
  total: number;
}

/** Migration from other tools: what a source holds, compared with the vault, before anything is written. */
export const IMPORT_SOURCES = ['xca', 'easy-rsa'] as const;
export type ImportSourceKind = (typeof IMPORT_SOURCES)[number];

/** import: new to the vault · duplicate: same fingerprint already there · conflict: refused (see message) */
export type ImportAction = 'import' | 'duplicate' | 'conflict';

export interface ImportItem {
  /** where it lives in the source, e.g. `issued/web1.crt` or `XCA certificate "name"` */
  item: string;
  label: string | null;
  kind: 'ca' | 'leaf';
  subject: string;
  serial: string;
  sha256: string;
  hasKey: boolean;
  revoked: { at: string; reason: RevocationReason; invalidityDate?: string } | null;
  action: ImportAction;
  /** comes across as a tracked certificate (watched for expiry only): CertDesk cannot use its or its issuer's key */
  tracked?: boolean;
  /** why something does not come across whole, or why it conflicts */
  notes: string[];
  lint: LintFinding[];
}

export interface ImportCounts {
  cas: number;
  leaves: number;
  keys: number;
  revoked: number;
  /** CAs whose CRL numbering comes across */
  crlNumbers: number;
  duplicates: number;
  conflicts: number;
}

export interface ImportPreview {
  source: ImportSourceKind;
  /** what the import would add (duplicates and conflicts excluded) */
  counts: ImportCounts;
  items: ImportItem[];
  /** per CA: the last CRL number the source used; CertDesk's next CRL continues above it */
  crls: { ca: string; lastNumber: string }[];
  /** things in the source that cannot come across */
  problems: { item: string; message: string }[];
}

export interface ImportResult extends ImportPreview {
  /** false when there was nothing new to import (nothing written) */
  written: boolean;
}

/** The vault's recovery set-up (nothing secret): from the header, readable while locked. */
export interface RecoveryStatus {
  /** names the vault on every share, grouped hex */
  vaultId: string;
  /** names this set of shares; changes at every rotation */
  ceremonyId: string;
  /** M: shares needed */
  threshold: number;
  /** N: shares made */
  shares: number;
  /** ISO 8601 */
  createdAt: string;
  /** one per share, index order, grouped hex (a hash of the share, never share bytes) */
  fingerprints: string[];
}

/**
 * One printable share. Handed out once, by recovery:create / recovery:rotate, to the front-end that prints it;
 * CertDesk never stores it.
 */
export interface RecoveryShareSheet {
  index: number;
  threshold: number;
  shares: number;
  vaultId: string;
  ceremonyId: string;
  createdAt: string;
  fingerprint: string;
  /** 23 groups of 5 characters */
  groups: string[];
  /** the groups between BEGIN/END markers, 5 a row: what the .txt file and a typed recovery accept */
  text: string;
  /** the same text as a QR code, an SVG document */
  qrSvg: string;
}

export interface RecoveryCreated {
  status: RecoveryStatus;
  sheets: RecoveryShareSheet[];
  /** the files written when a folder was given (`share-<i>-of-<N>.html` and `.txt`) */
  files: string[];
}

export interface RecoveryDrillResult {
  status: RecoveryStatus;
  /** share indices the key was rebuilt from */
  used: number[];
}

/** A share given back for a drill or a recovery: `label` names it in errors ("share-2-of-5.txt", "typed share 1"). */
export interface ShareInput {
  label: string;
  text: string;
}
