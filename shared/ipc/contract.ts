import type { z } from 'zod';
import type {
  AppInfo,
  AuditBreak,
  AuditEntry,
  AuditVerifyResult,
  CertDetail,
  CertSummary,
  CrlInfo,
  CrlSaveResult,
  CrlView,
  CsrView,
  ExportResult,
  HandshakeReport,
  IssuePreview,
  IssueResult,
  Settings,
  VaultStatus,
  CertificateView,
  RecoveryCreated,
  RecoveryDrillResult,
  RecoveryStatus,
  BatchResult,
  ImportPreview,
  ImportResult,
  TrackResult,
  CalendarExportResult,
  BatchProgress,
} from '../domain/types';
import type { DashboardSummary } from '../domain/dashboard-summary';
import type { Result } from '../result';
import type { AppEvent, Channel } from './channels';
import type { MenuCommand } from './menu-commands';
import type { PathChoice } from './path-grants';
import { empty, schemas } from './schemas';

interface ChannelSpec<I extends z.ZodType, O> {
  input: I;
  /** phantom: carries the output type only */
  output?: O;
}
function channel<O>(): <I extends z.ZodType>(input: I) => ChannelSpec<I, O> {
  return (input) => ({ input });
}

export interface InspectResult {
  kind: 'certificate' | 'chain' | 'csr' | 'crl' | 'pkcs12';
  certificates: (CertificateView & {
    knownId: string | null;
    verdict: string;
    /** the verdict as a value: true valid, false not valid, absent when not checked (vault locked) */
    valid?: boolean;
  })[];
  csr?: CsrView;
  crl?: CrlView;
}

/** The single declaration of every channel: name → input schema (validated in main) and output type. */
export const contract = {
  'app:info': channel<AppInfo>()(empty),
  'vault:status': channel<VaultStatus>()(empty),
  'vault:create': channel<VaultStatus>()(schemas.vaultCreate),
  'vault:open': channel<VaultStatus>()(schemas.vaultOpen),
  'vault:unlock': channel<VaultStatus>()(schemas.vaultUnlock),
  'vault:lock': channel<VaultStatus>()(empty),
  'vault:changePassphrase': channel<VaultStatus>()(schemas.vaultChangePassphrase),
  'vault:backup': channel<{ path: string; bytes: number; sha256: string }>()(schemas.vaultBackup),
  'vault:restore': channel<VaultStatus>()(schemas.vaultRestore),
  'recovery:status': channel<RecoveryStatus | null>()(empty),
  'recovery:create': channel<RecoveryCreated>()(schemas.recoveryCreate),
  'recovery:rotate': channel<RecoveryCreated>()(schemas.recoveryRotate),
  'recovery:remove': channel<RecoveryStatus | null>()(empty),
  'recovery:drill': channel<RecoveryDrillResult>()(schemas.recoveryDrill),
  'recovery:restore': channel<VaultStatus>()(schemas.recoveryRestore),
  'ca:create': channel<IssueResult>()(schemas.caCreate),
  'ca:import': channel<CertSummary>()(schemas.caImport),
  'ca:importTrustAnchor': channel<CertSummary>()(schemas.caImportTrustAnchor),
  'ca:list': channel<CertSummary[]>()(empty),
  'certs:list': channel<CertSummary[]>()(schemas.certsList),
  'certs:get': channel<CertDetail>()(schemas.certsGet),
  'certs:preview': channel<IssuePreview>()(schemas.certsIssue),
  'certs:issue': channel<IssueResult>()(schemas.certsIssue),
  'certs:signCsr': channel<IssueResult>()(schemas.certsSignCsr),
  'certs:renew': channel<IssueResult>()(schemas.certsRenew),
  'certs:revoke': channel<CertSummary>()(schemas.certsRevoke),
  'certs:track': channel<TrackResult>()(schemas.certsTrack),
  'certs:untrack': channel<CertSummary>()(schemas.certsUntrack),
  /**
   * What the dashboard shows, computed in main from the same verdicts as certs:list: a few kilobytes at any
   * vault size, so the dashboard need not wait for the whole list
   */
  'dashboard:summary': channel<DashboardSummary>()(schemas.dashboardSummary),
  'csr:parse': channel<CsrView>()(schemas.csrParse),
  'crl:generate': channel<CrlInfo>()(schemas.crlGenerate),
  'crl:latest': channel<CrlInfo | null>()(schemas.crlLatest),
  'crl:save': channel<CrlSaveResult>()(schemas.crlSave),
  'inspect:text': channel<InspectResult>()(schemas.inspectText),
  'inspect:file': channel<InspectResult>()(schemas.inspectFile),
  'export:bundle': channel<ExportResult>()(schemas.exportBundle),
  'export:trustBundle': channel<ExportResult>()(schemas.exportTrustBundle),
  'export:calendar': channel<CalendarExportResult>()(schemas.exportCalendar),
  'tls:checkMtls': channel<HandshakeReport>()(schemas.tlsCheckMtls),
  'audit:list': channel<AuditEntry[]>()(schemas.auditList),
  'audit:verify': channel<AuditVerifyResult>()(empty),
  'audit:acknowledge': channel<AuditBreak>()(schemas.auditAcknowledge),
  /** every break recorded in the vault, acknowledged or not (cheap: read from the vault, the log is not walked) */
  'audit:breaks': channel<AuditBreak[]>()(empty),
  'settings:get': channel<Settings>()(empty),
  'settings:set': channel<Settings>()(schemas.settingsSet),
  'batch:issue': channel<BatchResult>()(schemas.batchIssue),
  'batch:cancel': channel<{ cancelled: boolean }>()(schemas.batchCancel),
  'batch:readManifest': channel<{ manifest: string }>()(schemas.batchReadManifest),
  'import:preview': channel<ImportPreview>()(schemas.importSource),
  'import:run': channel<ImportResult>()(schemas.importSource),
  'dialog:openFile': channel<PathChoice>()(schemas.dialogOpenFile),
  'dialog:chooseFolder': channel<PathChoice>()(schemas.dialogChooseFolder),
  'dialog:saveFile': channel<PathChoice>()(schemas.dialogSaveFile),
} as const satisfies Record<Channel, ChannelSpec<z.ZodType, unknown>>;

type Contract = typeof contract;
// Compile-time check that channels.ts lists exactly the contract's channels.
type MissingFromList = Exclude<keyof Contract, Channel>;
const _channelListIsComplete: MissingFromList extends never ? true : never = true;
void _channelListIsComplete;

/**
 * What each push event (main → renderer, past tense) carries; declared here beside the channels so neither
 * side casts. Events carry no data the renderer should keep: it refetches what main owns.
 */
export interface EventPayloads {
  /** the inventory changed; sent once the operation's audit entry is written */
  'certs:changed': null;
  /** entries were added to the audit log (also by operations that change no certificate: exports, backups) */
  'audit:appended': null;
  'vault:locked': { reason: string };
  'vault:changed': VaultStatus;
  'menu:command': { command: MenuCommand };
  'batch:progress': BatchProgress;
}
/** How main (and the CLI, the harness) push an event. */
export type EmitEvent = <E extends AppEvent>(event: E, payload: EventPayloads[E]) => void;
// Compile-time check that channels.ts lists exactly the events declared here.
const _eventListIsComplete: [
  Exclude<AppEvent, keyof EventPayloads>,
  Exclude<keyof EventPayloads, AppEvent>,
] extends [never, never]
  ? true
  : never = true;
void _eventListIsComplete;

export type ChannelInput<C extends Channel> = z.input<Contract[C]['input']>;
export type ParsedInput<C extends Channel> = z.output<Contract[C]['input']>;
export type ChannelOutput<C extends Channel> =
  Contract[C] extends ChannelSpec<z.ZodType, infer O> ? O : never;

/** What main, the CLI and the harness implement: one async function per channel. */
export type Handlers = { [C in Channel]: (input: ParsedInput<C>) => Promise<ChannelOutput<C>> };

type Namespace<C extends string> = C extends `${infer N}:${string}` ? N : never;
type Verb<C extends string, N extends string> = C extends `${N}:${infer V}` ? V : never;

/** The shape of `window.certdesk`: `certdesk.vault.unlock({ passphrase })` → `Promise<Result<VaultStatus>>`. */
export type CertDeskApi = {
  [N in Namespace<Channel>]: {
    [V in Verb<Channel, N>]: (
      input: ChannelInput<`${N}:${V}` & Channel>,
    ) => Promise<Result<ChannelOutput<`${N}:${V}` & Channel>>>;
  };
} & {
  on<E extends AppEvent>(event: E, listener: (payload: EventPayloads[E]) => void): () => void;
};

/** Largest JSON payload main accepts on one call. */
export const MAX_PAYLOAD_BYTES = 4 * 1024 * 1024;
