import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { createCertDeskService, type CertDeskService, type DialogsPort } from '../service';
import { createDispatcher, type Dispatch } from '../service/dispatch';
import type { Channel } from '../../shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../../shared/ipc/contract';
import type { PathPurpose } from '../../shared/ipc/path-grants';
import { CliError, EXIT, exitCodeFor } from './errors';
import type { CliIo } from './io';
import { resolvePassphrase } from './passphrase';
import { resolveStateDir } from './vault-path';
import { println } from './io';
import type { KdfParams } from '../core/vault';

export interface CliClient {
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** a grant for a path the operator typed on the command line, for the next call that takes one */
  grant(path: string, purpose: PathPurpose): string;
  close(): Promise<void>;
  vaultPath: string;
}

/**
 * The CLI has no windows: the operator names paths as arguments and consents to dangerous actions with
 * flags (`--unencrypted-keys`, `--overwrite`), so every confirmation main would ask for is already given.
 */
const CLI_DIALOGS: DialogsPort = {
  chooseFile: () => Promise.resolve(null),
  chooseFolder: () => Promise.resolve(null),
  confirm: () => Promise.resolve(true),
};

export interface OpenOptions {
  vaultPath: string;
  passphraseFile?: string | undefined;
  /** open without the writer lock (list, show, expiring, audit verify run next to the desktop app) */
  readOnly: boolean;
  /**
   * `locked`: the vault must exist but is not unlocked (recovery status, drill and restore need no passphrase);
   * `none`: no vault at all (inspect decodes a file without one)
   */
  mode: 'open' | 'create' | 'locked' | 'none';
  appVersion: string;
  /** --accept-rollback: open a vault older than the one last seen on this workstation (audited) */
  acceptRollback: boolean;
  /** KDF policy; default production (see run.ts) */
  kdf?: KdfParams;
}

/**
 * Starts the same service the desktop app uses, in this process, and unlocks (or creates) the vault.
 * Every call goes through the contract's dispatcher, so the CLI gets the same validation as IPC.
 */
export async function openClient(io: CliIo, opts: OpenOptions): Promise<CliClient> {
  const service: CertDeskService = createCertDeskService({
    now: io.now,
    defaultVaultPath: opts.vaultPath,
    appVersion: opts.appVersion,
    platform: process.platform,
    readOnly: opts.readOnly,
    stateDir: resolveStateDir(io.env),
    acceptRollback: opts.acceptRollback,
    ...(opts.kdf ? { kdf: opts.kdf } : {}),
    dialogs: CLI_DIALOGS,
  });
  const dispatch: Dispatch = createDispatcher(service.handlers);
  const call = async <C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>> => {
    const r = await dispatch(channel, input);
    if (!r.ok) throw new CliError(exitCodeFor(r.error.code), r.error.message, r.error.code);
    return r.value as ChannelOutput<C>;
  };
  const client: CliClient = {
    call,
    grant: (path, purpose) => service.grantPath(path, purpose),
    close: () => service.dispose(),
    vaultPath: opts.vaultPath,
  };
  try {
    if (opts.mode === 'create') {
      if (existsSync(opts.vaultPath)) {
        throw new CliError(
          EXIT.vault,
          `A vault already exists at ${opts.vaultPath}: refusing to overwrite it`,
          'VAULT_EXISTS',
        );
      }
      const passphrase = await resolvePassphrase(
        { file: opts.passphraseFile, env: io.env, stdin: io.stdin, stderr: io.stderr },
        true,
      );
      // The default location (Electron's userData) may not exist before the app's first start.
      mkdirSync(dirname(opts.vaultPath), { recursive: true, mode: 0o700 });
      await call('vault:create', { fileGrant: service.grantPath(opts.vaultPath, 'write-file'), passphrase });
    } else if (opts.mode !== 'none') {
      if (!existsSync(opts.vaultPath)) {
        throw new CliError(
          EXIT.vault,
          `No vault at ${opts.vaultPath}: run \`certdesk init\` or pass --vault / CERTDESK_VAULT`,
          'NO_VAULT',
        );
      }
      if (opts.mode === 'open') {
        const passphrase = await resolvePassphrase({
          file: opts.passphraseFile,
          env: io.env,
          stdin: io.stdin,
          stderr: io.stderr,
        });
        const status = await call('vault:unlock', { passphrase });
        if (status.kdfWarning) println(io.stderr, `warning: ${status.kdfWarning}`);
      }
    }
  } catch (e) {
    await service.dispose().catch(() => undefined);
    throw e;
  }
  return client;
}
