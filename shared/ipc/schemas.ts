import { z } from 'zod';
import {
  IMPORT_SOURCES,
  KEY_ALGORITHMS,
  LEAF_PROFILES,
  REVOCATION_REASONS,
  SAN_TYPES,
} from '../domain/types';
import { MAX_EXPIRING_ROWS } from '../domain/dashboard-summary';

/** Caps keep a hostile or buggy renderer from making main allocate without bound. */
const text = (max = 1024): z.ZodString => z.string().max(max);
const pemText = z.string().min(1).max(2_000_000);
const passphrase = z.string().max(1024);
const id = z.string().min(1).max(200);
/** shares typed, scanned or read from files: at most 16, each a few hundred characters (an .html sheet more) */
const shareInputs = z
  .array(z.strictObject({ label: z.string().min(1).max(256), text: z.string().min(1).max(200_000) }))
  .min(1)
  .max(16);
/**
 * An opaque id main handed out for a path the operator chose in a native dialog (see path-grants.ts).
 * Fields holding one are named `…Grant`: `fileGrant`, `folderGrant`, or the role (`certGrant`, `backupGrant`).
 */
export const grantSchema = z.string().min(1).max(64);
const fileFilters = z
  .array(z.strictObject({ name: text(64), extensions: z.array(text(16)).max(16) }))
  .max(8)
  .optional();

export const sanSchema = z.strictObject({ type: z.enum(SAN_TYPES), value: text(2048) });
export const subjectSchema = z.strictObject({
  cn: text(256),
  o: text(256).optional(),
  ou: text(256).optional(),
  c: text(2).optional(),
  st: text(256).optional(),
  l: text(256).optional(),
});
const list = z.array(text(2048)).max(256).optional();
export const nameConstraintsSchema = z.strictObject({
  permittedDns: list,
  excludedDns: list,
  permittedIp: list,
  excludedIp: list,
  permittedEmail: list,
  excludedEmail: list,
  permittedUri: list,
  excludedUri: list,
});
export const keyAlgorithmSchema = z.enum(KEY_ALGORITHMS);
/** Validity: exactly one of days, hours or an explicit notAfter; the service applies defaults when absent. */
export const validitySchema = z.strictObject({
  days: z.number().int().positive().max(36500).optional(),
  hours: z.number().int().positive().max(876000).optional(),
  notAfter: z.iso.datetime().optional(),
});

export const empty = z.strictObject({});

export const schemas = {
  /** without a grant: this workstation's default vault file; else a `write-file` grant from dialog:saveFile */
  vaultCreate: z.strictObject({ fileGrant: grantSchema.optional(), passphrase }),
  /** an `open-vault` grant from dialog:openFile */
  vaultOpen: z.strictObject({ fileGrant: grantSchema }),
  vaultUnlock: z.strictObject({
    passphrase,
    /** only a choice main offered after refusing the vault as damaged (VaultStatus.damage.choices) */
    damaged: z.enum(['read-only', 'repair', 'restore-previous']).optional(),
    /** open a vault refused as rolled back; main still asks the operator */
    acceptRollback: z.literal(true).optional(),
  }),
  vaultChangePassphrase: z.strictObject({ current: passphrase, next: passphrase }),
  /** a `write-file` grant from dialog:saveFile: the backup file to create (never an existing one) */
  vaultBackup: z.strictObject({ fileGrant: grantSchema }),
  recoveryCreate: z.strictObject({
    threshold: z.number().int().min(2).max(16),
    shares: z.number().int().min(2).max(16),
    /** optional write-folder grant: the share sheets are also written there as .html and .txt */
    folderGrant: grantSchema.optional(),
  }),
  recoveryRotate: z.strictObject({
    threshold: z.number().int().min(2).max(16).optional(),
    shares: z.number().int().min(2).max(16).optional(),
    folderGrant: grantSchema.optional(),
  }),
  recoveryDrill: z.strictObject({ shares: shareInputs }),
  recoveryRestore: z.strictObject({ shares: shareInputs, newPassphrase: passphrase }),
  /** a `restore-vault` grant from dialog:openFile */
  vaultRestore: z.strictObject({ backupGrant: grantSchema, passphrase }),
  caCreate: z.strictObject({
    subject: subjectSchema,
    key: keyAlgorithmSchema.optional(),
    validity: validitySchema.optional(),
    pathLen: z.number().int().min(0).max(16).nullable().optional(),
    parentId: id.optional(),
    nameConstraints: nameConstraintsSchema.optional(),
  }),
  /** the files are `read-file` grants from dialog:openFile */
  caImport: z.strictObject({
    certGrant: grantSchema.optional(),
    certPem: pemText.optional(),
    keyGrant: grantSchema.optional(),
    keyPassphrase: passphrase.optional(),
    p12Grant: grantSchema.optional(),
    p12Passphrase: passphrase.optional(),
  }),
  /**
   * `sourceGrant`: the .xdb file (read-file) or the easy-rsa PKI folder (read-folder) chosen in main's dialog;
   * `password`: the XCA database password or the easy-rsa PKI passphrase; `skipConflicts` imports the rest.
   */
  importSource: z.strictObject({
    source: z.enum(IMPORT_SOURCES),
    sourceGrant: grantSchema,
    password: passphrase.optional(),
    skipConflicts: z.boolean().optional(),
  }),
  caImportTrustAnchor: z.strictObject({ certPem: pemText.optional(), certGrant: grantSchema.optional() }),
  certsList: z.strictObject({ kind: z.enum(['ca', 'leaf']).optional() }),
  certsGet: z.strictObject({ id }),
  /** `expiringRows`: how many of the most urgent certificates to list (default 8); the counts cover them all */
  dashboardSummary: z.strictObject({
    expiringRows: z.number().int().min(0).max(MAX_EXPIRING_ROWS).optional(),
  }),
  certsIssue: z.strictObject({
    caId: id,
    profile: z.enum(LEAF_PROFILES),
    subject: subjectSchema,
    sans: z.array(sanSchema).max(1000),
    key: keyAlgorithmSchema.optional(),
    validity: validitySchema.optional(),
    /** for the custom profile: KeyUsage and EKU names (e.g. digitalSignature, serverAuth) */
    keyUsages: z.array(text(64)).max(16).optional(),
    extendedKeyUsages: z.array(text(128)).max(16).optional(),
  }),
  certsSignCsr: z.strictObject({
    caId: id,
    csrPem: pemText,
    profile: z.enum([...LEAF_PROFILES, 'intermediate']),
    subject: subjectSchema.optional(),
    /** when present, replaces the CSR's requested SANs (the UI pre-fills them from csr:parse) */
    sans: z.array(sanSchema).max(1000).optional(),
    validity: validitySchema.optional(),
    pathLen: z.number().int().min(0).max(16).nullable().optional(),
    /** intermediate profile only: the subordinate CA's name constraints, as for ca:create */
    nameConstraints: nameConstraintsSchema.optional(),
  }),
  certsRenew: z.strictObject({
    id,
    validity: validitySchema.optional(),
    keepKey: z.boolean().optional(),
    revokeOld: z.boolean().optional(),
  }),
  certsRevoke: z.strictObject({
    id,
    reason: z.enum(REVOCATION_REASONS).optional(),
    date: z.iso.datetime().optional(),
  }),
  /**
   * Tracks the certificates of one file (PEM, DER or a PEM bundle) without keys: a `read-file` grant from
   * dialog:openFile, or the text of a dropped file (DER armoured as inspect:text takes it).
   */
  certsTrack: z.strictObject({ fileGrant: grantSchema.optional(), certPem: pemText.optional() }),
  certsUntrack: z.strictObject({ id }),
  csrParse: z.strictObject({ pem: pemText }),
  crlGenerate: z.strictObject({ caId: id, days: z.number().int().positive().max(3650).optional() }),
  crlLatest: z.strictObject({ caId: id }),
  /** writes the CA's latest CRL to a file (PEM or DER), checked and audited */
  crlSave: z.strictObject({
    caId: id,
    /** a write-file grant from the save dialog (which already asked before replacing a file) */
    fileGrant: grantSchema,
    format: z.enum(['pem', 'der']),
    overwrite: z.boolean().optional(),
  }),
  inspectText: z.strictObject({ text: pemText, passphrase: passphrase.optional() }),
  /** a `read-file` grant from dialog:openFile (a dropped file goes to inspect:text as its bytes instead) */
  inspectFile: z.strictObject({ fileGrant: grantSchema, passphrase: passphrase.optional() }),
  exportBundle: z.strictObject({
    ids: z.array(id).min(1).max(10_000),
    /** a `write-folder` grant from dialog:chooseFolder */
    folderGrant: grantSchema,
    keyPassphrase: passphrase.optional(),
    /** main makes the key passphrase and shows it once in its own box (instead of keyPassphrase) */
    generatePassphrase: z.boolean().optional(),
    unencryptedKeys: z.boolean().optional(),
    confirmUnencrypted: z.boolean().optional(),
    p12: z.enum(['modern', 'legacy']).optional(),
    includeCrl: z.boolean().optional(),
    overwrite: z.boolean().optional(),
  }),
  exportTrustBundle: z.strictObject({
    /** a write-folder grant: the bundle folder is created inside it */
    folderGrant: grantSchema,
    /** the CAs to include (default: every CA in the vault); revoked and expired ones are left out */
    caIds: z.array(id).min(1).max(1000).optional(),
    /** the folder created inside dir (default "certdesk-trust-bundle") */
    folderName: text(255).optional(),
    withCrls: z.boolean().optional(),
    overwrite: z.boolean().optional(),
  }),
  /** the expiry calendar (.ics) of every certificate not revoked or renewed, to a save dialog's grant */
  exportCalendar: z.strictObject({
    /** a write-file grant from dialog:saveFile (which already asked before replacing a file) */
    fileGrant: grantSchema,
    /** days before notAfter each renewal event is placed (default 30) */
    leadDays: z.number().int().min(0).max(3650).optional(),
    overwrite: z.boolean().optional(),
  }),
  tlsCheckMtls: z.strictObject({
    serverId: id,
    clientId: id,
    serverName: text(253),
    /** CAs the server accepts client certificates from; default the root of the server's own chain */
    serverTrustIds: z.array(id).max(64).optional(),
    /** CAs the client accepts the server from; default the root of the client's own chain */
    clientTrustIds: z.array(id).max(64).optional(),
  }),
  auditAcknowledge: z.strictObject({ id }),
  auditList: z.strictObject({
    operation: text(64).optional(),
    limit: z.number().int().positive().max(100_000).optional(),
  }),
  settingsSet: z.strictObject({
    thresholds: z
      .strictObject({
        critical: z.number().int().min(0).max(3650),
        warning: z.number().int().min(0).max(3650),
        notice: z.number().int().min(0).max(3650),
      })
      .optional(),
    defaultValidityDays: z
      .strictObject({
        server: z.number().int().positive().max(36500),
        client: z.number().int().positive().max(36500),
        service: z.number().int().positive().max(36500),
        intermediate: z.number().int().positive().max(36500),
        root: z.number().int().positive().max(36500),
      })
      .optional(),
    defaultKeyAlgorithm: keyAlgorithmSchema.optional(),
    autoLockMinutes: z.number().int().min(0).max(1440).optional(),
    theme: z.enum(['system', 'light', 'dark']).optional(),
    crlNextUpdateDays: z.number().int().positive().max(3650).optional(),
  }),
  batchIssue: z.strictObject({
    caId: id,
    /** the manifest text (CSV or JSON, see shared/domain/batch-manifest.ts) */
    manifest: z.string().min(1).max(3_000_000),
    /** client-chosen id so progress events and batch:cancel can name this run */
    batchId: z.string().min(1).max(64),
  }),
  batchCancel: z.strictObject({ batchId: z.string().min(1).max(64) }),
  /** a `read-file` grant from dialog:openFile: main reads the manifest and answers its text for the preview */
  batchReadManifest: z.strictObject({ fileGrant: grantSchema }),
  dialogOpenFile: z.strictObject({
    purpose: z.enum(['read-file', 'open-vault', 'restore-vault']),
    title: text(200).optional(),
    filters: fileFilters,
  }),
  dialogChooseFolder: z.strictObject({
    purpose: z.enum(['read-folder', 'write-folder']),
    title: text(200).optional(),
  }),
  dialogSaveFile: z.strictObject({
    title: text(200).optional(),
    defaultName: text(255).optional(),
    filters: fileFilters,
  }),
} as const;
