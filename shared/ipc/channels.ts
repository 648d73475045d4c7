/**
 * Every IPC channel, `namespace:verb`. The preload builds `window.certdesk` from this list alone, so it is
 * kept free of imports; contract.ts checks at compile time that it names exactly the contract's channels.
 */
export const CHANNELS = [
  'app:info',
  'vault:status',
  'vault:create',
  'vault:open',
  'vault:unlock',
  'vault:lock',
  'vault:changePassphrase',
  'vault:backup',
  'vault:restore',
  'recovery:status',
  'recovery:create',
  'recovery:rotate',
  'recovery:remove',
  'recovery:drill',
  'recovery:restore',
  'ca:create',
  'ca:import',
  'ca:importTrustAnchor',
  'ca:list',
  'certs:list',
  'certs:get',
  'certs:preview',
  'certs:issue',
  'certs:signCsr',
  'certs:renew',
  'certs:revoke',
  'certs:track',
  'certs:untrack',
  'dashboard:summary',
  'csr:parse',
  'crl:generate',
  'crl:latest',
  'crl:save',
  'inspect:text',
  'inspect:file',
  'export:bundle',
  'export:trustBundle',
  'export:calendar',
  'tls:checkMtls',
  'audit:list',
  'audit:verify',
  'audit:breaks',
  'audit:acknowledge',
  'settings:get',
  'settings:set',
  'batch:issue',
  'batch:cancel',
  'batch:readManifest',
  'import:preview',
  'import:run',
  'dialog:openFile',
  'dialog:chooseFolder',
  'dialog:saveFile',
] as const;

export type Channel = (typeof CHANNELS)[number];

/**
 * Reads the page repeats on its own clock (the dashboard follows the time every minute while it shows). They
 * are not the operator's activity, so they do not hold off the idle auto-lock; every other call does.
 */
export const CLOCK_REFRESH_CHANNELS: readonly Channel[] = ['dashboard:summary'];

/** Whether a call on `channel` restarts the idle auto-lock countdown. */
export function countsAsActivity(channel: Channel): boolean {
  return !CLOCK_REFRESH_CHANNELS.includes(channel);
}

/** Events main pushes to the renderer (past tense). */
export const EVENTS = [
  'certs:changed',
  'audit:appended',
  'vault:locked',
  'vault:changed',
  'menu:command',
  'batch:progress',
] as const;
export type AppEvent = (typeof EVENTS)[number];

export function isChannel(name: unknown): name is Channel {
  return typeof name === 'string' && (CHANNELS as readonly string[]).includes(name);
}
