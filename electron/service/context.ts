import type { webcrypto } from 'node:crypto';
import type { EmitEvent } from '../../shared/ipc/contract';
import type { CertSummary } from '../../shared/domain/types';
import type { KdfParams } from '../core/vault';
import type { AuditRecorder } from './audit-recorder';
import type { DialogsPort } from './dialogs-port';
import type { GrantStore } from './grants';
import type { VaultSession } from './session';

/** What a front-end (Electron main, CLI, e2e harness) wires into the service. */
export interface ServiceDeps {
  /** the clock; every expiry and validity decision reads time from here */
  now: () => Date;
  /** vault file used by `vault:create` when no path is given, and opened (locked) at start when it exists */
  defaultVaultPath?: string;
  appVersion: string;
  platform: string;
  /** push events to the renderer (`certs:changed`, `audit:appended`, `vault:locked`, `vault:changed`, `batch:progress`) */
  emit?: EmitEvent;
  /**
   * KDF policy: the scrypt cost new vaults are created with, and below which a vault is re-sealed at its
   * next writable unlock. Default the production policy (N=2^17, r=8, p=1); test suites pass a cheaper one.
   */
  kdf?: KdfParams;
  /**
   * Folder of the app's own state (Electron userData; the CLI uses the same place): holds the rollback
   * witness. Without it no rollback witness is kept (unit tests that do not exercise it).
   */
  stateDir?: string;
  /**
   * The CLI operator's answer to "open a vault older than the one last seen here?" (--accept-rollback).
   * Undefined: main's confirmation dialog asks.
   */
  acceptRollback?: boolean;
  /** open vaults without the writer lock (CLI read-only commands next to the running app); writes are refused */
  readOnly?: boolean;
  /** WebCrypto provider; default Node's webcrypto */
  crypto?: webcrypto.Crypto;
  /**
   * main's native dialogs (file/folder choice, confirmations of dangerous actions). Default: every dialog
   * cancelled and every confirmation refused, so nothing dangerous happens where no operator can answer.
   */
  dialogs?: DialogsPort;
}

export interface ServiceContext {
  deps: ServiceDeps;
  crypto: webcrypto.Crypto;
  session: VaultSession;
  audit: AuditRecorder;
  now(): Date;
  /**
   * Notes that the inventory changed; `certs:changed` goes out when the mutating channel has finished, after
   * its audit entry is written, so a renderer that refetches on the event sees the entry too.
   */
  changed(): void;
  /** serialises state-changing operations (see exclusive.ts) */
  exclusive: <T>(op: () => Promise<T>) => Promise<T>;
  /** paths the operator chose in main's dialogs; channels take grants, never paths */
  grants: GrantStore;
  /** main's dialogs: `confirm` is the only way a dangerous choice goes ahead */
  dialogs: DialogsPort;
}

export function copySummary(s: CertSummary): CertSummary {
  return { ...s, sans: s.sans.map((x) => ({ ...x })), ...(s.revoked ? { revoked: { ...s.revoked } } : {}) };
}
