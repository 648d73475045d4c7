import type { CertDeskApi } from './contract';

export type Invoke = (channel: string, payload: unknown) => Promise<unknown>;
export type Subscribe = (event: string, listener: (payload: unknown) => void) => () => void;

/**
 * Builds the namespaced `window.certdesk` object from the channel list. Self-contained on purpose (no
 * references outside its body): the e2e harness ships it to the page as an init script via toString(),
 * and the preload bundles it, so both front-ends expose the very same shape.
 */
export function buildCertDeskApi(
  channels: readonly string[],
  invoke: Invoke,
  subscribe: Subscribe,
): CertDeskApi {
  const api: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const channel of channels) {
    const [ns, verb] = channel.split(':') as [string, string];
    const group = (api[ns] ??= Object.create(null)) as Record<string, unknown>;
    group[verb] = (input?: unknown) => invoke(channel, input ?? {});
  }
  api.on = subscribe;
  for (const value of Object.values(api)) if (typeof value === 'object' && value) Object.freeze(value);
  return Object.freeze(api) as unknown as CertDeskApi;
}
