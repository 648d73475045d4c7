import { webcrypto } from 'node:crypto';
import type { Handlers } from '../../shared/ipc/contract';
import { createAppHandlers } from './app.service';
import { AuditRecorder } from './audit-recorder';
import { createBatchHandlers } from './batch.service';
import { createCalendarHandlers } from './calendar.service';
import { createAuditHandlers } from './audit.service';
import { createCaHandlers } from './ca.service';
import { createCertsHandlers } from './certs.service';
import type { ServiceContext, ServiceDeps } from './context';
import { createDashboardHandlers } from './dashboard.service';
import { createCrlHandlers } from './crl.service';
import { createExportHandlers } from './export.service';
import { createExclusive } from './exclusive';
import { createDialogHandlers, NO_DIALOGS } from './dialogs-port';
import { GrantStore } from './grants';
import type { PathPurpose } from '../../shared/ipc/path-grants';
import { IdleTimer } from './idle-timer';
import { createImportHandlers } from './import.service';
import { createInspectHandlers } from './inspect.service';
import { noteVaultState } from './rollback';
import { VaultSession } from './session';
import { createRecoveryHandlers } from './recovery.service';
import { createSettingsHandlers } from './settings.service';
import { createTlsHandlers } from './tls.service';
import { createTrackingHandlers } from './tracking.service';
import { createVaultHandlers } from './vault.service';
import {
  loadVerdictCache,
  verdictCacheUpdate,
  writeVerdictCache,
  type VerdictCacheUpdate,
} from './verdict-cache';

export type { ServiceDeps } from './context';
export type { DialogsPort, ConfirmRequest, ChooseFileRequest, ChooseFolderRequest } from './dialogs-port';
/** Every channel, the dialog channels included (they reach main's dialogs through `ServiceDeps.dialogs`). */
export type ServiceHandlers = Handlers;

export interface CertDeskService {
  handlers: ServiceHandlers;
  /** Locks now (idle, OS lock screen, suspend, quit); emits `vault:locked` with `{ reason }` when it was unlocked. */
  lock(reason: string): Promise<void>;
  /** Restarts the idle countdown; front-ends call it on every IPC call. */
  touch(): void;
  /** Locks and releases everything (writer lock, timers). */
  dispose(): Promise<void>;
  /**
   * The trusted entry for front-ends without a renderer (the CLI, tests): turns a path the operator typed
   * into a grant for one channel call. Never reachable over IPC.
   */
  grantPath(path: string, purpose: PathPurpose): string;
}

/**
 * The single object every front-end drives (Electron IPC, CLI, e2e harness): implements the IPC contract by
 * composing the core. Wrap `handlers` (plus the dialog handlers) with `createDispatcher` from ./dispatch.
 */
export function createCertDeskService(deps: ServiceDeps): CertDeskService {
  const session = new VaultSession({
    ...(deps.kdf ? { kdf: deps.kdf } : {}),
    ...(deps.readOnly ? { readOnly: true } : {}),
    ...(deps.defaultVaultPath ? { defaultVaultPath: deps.defaultVaultPath } : {}),
  });
  // One audit:appended per turn of the event loop, however many entries an operation wrote.
  let auditAnnounced = false;
  const audit = new AuditRecorder(session, deps.now, () => {
    if (auditAnnounced) return;
    auditAnnounced = true;
    setImmediate(() => {
      auditAnnounced = false;
      deps.emit?.('audit:appended', null);
    });
  });
  const grants = new GrantStore();
  let inventoryChanged = false;
  const ctx: ServiceContext = {
    deps,
    crypto: deps.crypto ?? webcrypto,
    session,
    audit,
    now: deps.now,
    changed: () => {
      inventoryChanged = true;
    },
    exclusive: createExclusive(),
    grants,
    dialogs: deps.dialogs ?? NO_DIALOGS,
  };

  const idle = new IdleTimer(() => void lockExclusive('idle').catch(() => undefined));

  async function lock(reason: string): Promise<void> {
    idle.stop();
    if (session.status().state !== 'unlocked') return;
    // The audit head of the last operations rides along with the next write; at lock there is none, so flush it.
    if (!session.readOnly) {
      const heads = audit.takeHeadRecords();
      if (heads.length)
        await session
          .unlocked()
          .vault.append(heads)
          .catch(() => undefined);
    }
    await noteVaultState(ctx).catch(() => undefined);
    // sealed while the keys are here, written once they are gone
    const verdicts = keptVerdicts();
    audit.detach();
    grants.clear();
    await session.lock();
    if (verdicts) await writeVerdictCache(verdicts.path, verdicts.update).catch(() => undefined);
    deps.emit?.('vault:locked', { reason });
    deps.emit?.('vault:changed', session.status());
  }

  /** From outside (idle, OS lock screen, quit): waits for an operation in flight instead of cutting it. */
  const lockExclusive = (reason: string): Promise<void> => ctx.exclusive(() => lock(reason));

  /** The roll-ups this session remembers, for the next unlock (verdict-cache.ts); none from a read-only open. */
  function keptVerdicts(): { path: string; update: VerdictCacheUpdate } | null {
    const path = session.vaultPath;
    if (session.readOnly || !path) return null;
    try {
      const { vault, inventory } = session.unlocked();
      return { path, update: verdictCacheUpdate(vault, inventory) };
    } catch {
      return null;
    }
  }

  const hooks = {
    lock,
    unlocked: async () => {
      const { vault, inventory } = session.unlocked();
      // the idle lock first: nothing the unlock still does may keep an unlocked vault from locking
      idle.start(inventory.settings.autoLockMinutes);
      if (session.vaultPath) await loadVerdictCache(session.vaultPath, vault, inventory);
      // No certs:changed here: the renderer loads the list when it sees the vault unlocked (this operation's
      // answer or vault:changed), so announcing it too made every unlock fetch the whole list twice.
      deps.emit?.('vault:changed', session.status());
    },
  };

  const raw: ServiceHandlers = {
    ...createAppHandlers(ctx),
    ...createDialogHandlers(ctx.dialogs, grants),
    ...createVaultHandlers(ctx, hooks),
    ...createRecoveryHandlers(ctx, hooks),
    ...createCaHandlers(ctx),
    ...createCertsHandlers(ctx),
    ...createDashboardHandlers(ctx),
    ...createTrackingHandlers(ctx),
    ...createCrlHandlers(ctx),
    ...createInspectHandlers(ctx),
    ...createExportHandlers(ctx),
    ...createCalendarHandlers(ctx),
    ...createTlsHandlers(ctx),
    ...createAuditHandlers(ctx),
    ...createBatchHandlers(ctx),
    ...createImportHandlers(ctx),
    ...createSettingsHandlers(ctx, (s) => {
      if (session.status().state === 'unlocked') idle.start(s.autoLockMinutes);
    }),
  };

  const handlers = serialiseMutations(
    raw,
    ctx.exclusive,
    () => noteVaultState(ctx),
    () => {
      if (!inventoryChanged) return;
      inventoryChanged = false;
      deps.emit?.('certs:changed', null);
    },
  );

  return {
    handlers,
    lock: lockExclusive,
    touch: () => idle.touch(),
    dispose: async () => {
      await lockExclusive('quit');
      idle.stop();
    },
    grantPath: (path, purpose) => grants.issue(path, purpose),
  };
}

/** Channels that change the vault or the session; they run one at a time (reads stay concurrent). */
const MUTATIONS = [
  'vault:create',
  'vault:open',
  'vault:unlock',
  'vault:lock',
  'vault:changePassphrase',
  'vault:restore',
  'recovery:create',
  'recovery:rotate',
  'recovery:remove',
  'recovery:restore',
  'ca:create',
  'ca:import',
  'ca:importTrustAnchor',
  'certs:issue',
  'certs:signCsr',
  'certs:renew',
  'certs:revoke',
  'certs:track',
  'certs:untrack',
  'crl:generate',
  // A batch writes many certificates: it runs alone too, so no issuance or revocation interleaves with it.
  'batch:issue',
  'import:run',
  'settings:set',
  'audit:acknowledge',
  // These write only files and the audit log, but an audit entry that finds the log damaged records the break
  // in the vault. Run alone, that write cannot start between a change's vault write and its in-memory update,
  // where a compaction due at it would rewrite the vault from a live state lacking the change.
  'vault:backup',
  'recovery:drill',
  'crl:save',
  'export:bundle',
  'export:calendar',
  'export:trustBundle',
] as const satisfies readonly (keyof ServiceHandlers)[];

function serialiseMutations(
  h: ServiceHandlers,
  exclusive: ServiceContext['exclusive'],
  afterChange: () => Promise<void>,
  announce: () => void,
): ServiceHandlers {
  const out: ServiceHandlers = { ...h };
  for (const channel of MUTATIONS) {
    const handler = h[channel] as (input: unknown) => Promise<unknown>;
    (out as Record<string, (input: unknown) => Promise<unknown>>)[channel] = (input) =>
      exclusive(async () => {
        try {
          const result = await handler(input);
          // The rollback witness follows every change; failing to update it must not undo the change.
          await afterChange().catch(() => undefined);
          return result;
        } finally {
          // Once the operation and its audit entry are complete, also when a batch stopped part-way.
          announce();
        }
      });
  }
  return out;
}
