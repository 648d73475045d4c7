/** Test-only helpers: a service on a temp vault with the cheap KDF, and a dispatcher that unwraps results. */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { AppEvent, Channel } from '../../../shared/ipc/channels';
import type { ChannelInput, ChannelOutput } from '../../../shared/ipc/contract';
import type { ErrorCode } from '../../../shared/ipc/error-codes';
import type { Result } from '../../../shared/result';
import { createDispatcher, type Dispatch } from '../dispatch';
import { createCertDeskService, type CertDeskService, type DialogsPort, type ServiceDeps } from '../index';
import type { PathPurpose } from '../../../shared/ipc/path-grants';

export const PASSPHRASE = 'correct horse battery staple';
/** Cheap scrypt cost for test suites (the engine's lower bound); production uses the default policy. */
export const TEST_KDF_POLICY = { N: 2 ** 10, r: 8, p: 1 } as const;

export interface Fixture {
  dir: string;
  vaultPath: string;
  service: CertDeskService;
  dispatch: Dispatch;
  events: { event: AppEvent; payload: unknown }[];
  /** calls a channel and returns the value, failing the test with the error otherwise */
  call<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<ChannelOutput<C>>;
  /** calls a channel that must fail; returns the error */
  fail<C extends Channel>(channel: C, input: ChannelInput<C>): Promise<{ code: ErrorCode; message: string }>;
  /** what main's dialogs answer in this fixture (mutable; default: cancel, and "no" to every confirmation) */
  answers: DialogAnswers;
  /** the confirmation messages main showed, in order */
  confirmations: string[];
  /** a grant for `target`, as main's dialog would hand out (default purpose write-folder) */
  grant(target: string, purpose?: PathPurpose): string;
  /** a second service instance on the same vault (a restart) */
  restart(extra?: Partial<ServiceDeps>): Promise<Fixture>;
  cleanup(): Promise<void>;
}

export interface DialogAnswers {
  confirm: boolean;
  file: string | null;
  folder: string | null;
}

export async function makeFixture(
  opts: { dir?: string; now?: () => Date; extra?: Partial<ServiceDeps> } = {},
): Promise<Fixture> {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'certdesk-svc-'));
  const vaultPath = path.join(dir, 'vault.certdesk');
  const events: Fixture['events'] = [];
  const answers: DialogAnswers = { confirm: false, file: null, folder: null };
  const confirmations: string[] = [];
  const dialogs: DialogsPort = {
    chooseFile: () => Promise.resolve(answers.file),
    chooseFolder: () => Promise.resolve(answers.folder),
    confirm: ({ message }) => {
      confirmations.push(message);
      return Promise.resolve(answers.confirm);
    },
  };
  const service = createCertDeskService({
    dialogs,
    now: opts.now ?? (() => new Date()),
    defaultVaultPath: vaultPath,
    appVersion: '0.0.0-test',
    platform: process.platform,
    kdf: TEST_KDF_POLICY,
    stateDir: path.join(dir, 'state'),
    emit: (event, payload) => events.push({ event, payload }),
    ...opts.extra,
  });
  const dispatch = createDispatcher(service.handlers);
  const fx: Fixture = {
    dir,
    vaultPath,
    service,
    dispatch,
    events,
    answers,
    confirmations,
    grant: (target, purpose = 'write-folder') => service.grantPath(target, purpose),
    async call(channel, input) {
      service.touch();
      const r = (await dispatch(channel, input)) as Result<ChannelOutput<typeof channel>>;
      if (!r.ok) throw new Error(`${channel} failed: ${r.error.code}: ${r.error.message}`);
      return r.value;
    },
    async fail(channel, input) {
      const r = await dispatch(channel, input);
      if (r.ok) throw new Error(`${channel} unexpectedly succeeded`);
      return r.error;
    },
    async restart(extra) {
      await service.dispose();
      return makeFixture({ dir, ...(opts.now ? { now: opts.now } : {}), extra: { ...opts.extra, ...extra } });
    },
    async cleanup() {
      await service.dispose();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
  return fx;
}

/** A vault with a root CA named mygrpc-ca, the seed's server and client certificates. */
export async function seededFixture(): Promise<
  Fixture & { caId: string; serverId: string; clientId: string }
> {
  const fx = await makeFixture();
  await fx.call('vault:create', { passphrase: PASSPHRASE });
  const ca = await fx.call('ca:create', { subject: { cn: 'mygrpc-ca' } });
  const server = await fx.call('certs:issue', {
    caId: ca.summary.id,
    profile: 'server',
    subject: { cn: 'user-service' },
    sans: [
      { type: 'dns', value: 'user-service' },
      { type: 'dns', value: 'user-service.internal' },
      { type: 'dns', value: 'localhost' },
      { type: 'ip', value: '127.0.0.1' },
    ],
  });
  const client = await fx.call('certs:issue', {
    caId: ca.summary.id,
    profile: 'client',
    subject: { cn: 'billing-service' },
    sans: [],
  });
  return { ...fx, caId: ca.summary.id, serverId: server.summary.id, clientId: client.summary.id };
}

/** Runs openssl with `args` in `dir` (where its key, config and certificate files live); returns stdout. */
export function opensslIn(dir: string): (args: string[]) => string {
  return (args) =>
    execFileSync('openssl', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** `openssl verify -x509_strict -purpose …`: returns openssl's output, throws with it on failure. */
export function opensslVerify(
  dir: string,
  caPem: string,
  certPem: string,
  purpose: 'sslserver' | 'sslclient',
  extra: string[] = [],
): string {
  const ca = path.join(dir, `ca-${Math.random().toString(16).slice(2)}.pem`);
  const cert = path.join(dir, `cert-${Math.random().toString(16).slice(2)}.pem`);
  writeFileSync(ca, caPem);
  writeFileSync(cert, certPem);
  return execFileSync(
    'openssl',
    ['verify', '-x509_strict', '-purpose', purpose, ...extra, '-CAfile', ca, cert],
    {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
}

/** A new empty folder `name` in the fixture's scratch directory (an export or backup target). */
export function freshFolder(fx: Pick<Fixture, 'dir'>, name: string): string {
  const dir = path.join(fx.dir, name);
  mkdirSync(dir);
  return dir;
}
