import type { AppEvent } from '../../shared/ipc/channels';
import type { VaultStatus } from '../../shared/domain/types';

/** What a front-end (Electron main, CLI, e2e harness) wires into the service. */
export interface ServiceDeps {
  /** the clock; every expiry and validity decision reads time from here */
  now: () => Date;
  /** vault file used by `vault:create` when no path is given, and opened (locked) at start when it exists */
  defaultVaultPath?: string;
  appVersion: string;
  platform: string;
  /** push events to the renderer (`certs:changed`, `vault:locked`, `vault:changed`) */
  emit?: (event: AppEvent, payload?: unknown) => void;
  /** test-only: a cheaper KDF so suites do not pay scrypt N=2^17 per derive. Never set in production. */
  kdf?: 'fast';
  /** open the vault without taking the writer lock (CLI read-only commands); mutations are refused */
  readOnly?: boolean;
}

export interface ServiceContext {
  deps: ServiceDeps;
  status(): VaultStatus;
}
