import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dashboardSummary } from '../../../shared/domain/dashboard-summary';
import { certStatus, daysLeftShown } from '../../../shared/domain/expiry';
import { DEFAULT_SETTINGS, type CertSummary, type VaultStatus } from '../../../shared/domain/types';
import { AUDIT_VIEW_LIMIT, RECENT_AUDIT_LIMIT } from './audit-slice';
import { runCommand, subscribeToMain } from './events';
import { installFakeBridge, type FakeBridge } from './fake-bridge';
import { useAppStore } from './index';
import { cert, NOW, ROOT } from '../../../shared/domain/test-fixtures';

const flush = (): Promise<void> => new Promise((r) => setTimeout(r, 0));

let bridge: FakeBridge;
let unsubscribe: () => void;
let list: CertSummary[];
let vault: VaultStatus;

beforeEach(() => {
  useAppStore.setState(useAppStore.getInitialState(), true);
  bridge = installFakeBridge();
  list = [ROOT, cert('user-service', 200)];
  vault = { state: 'locked', path: '/tmp/v.certdesk' };
  bridge.handle('app:info', () => ({ name: 'CertDesk', version: '0.1.0', platform: 'linux', vault }));
  bridge.handle('certs:list', () => list);
  // What main answers: the shared derivation over the same list, at the fixtures' clock.
  bridge.handle('dashboard:summary', () => dashboardSummary(list, NOW, DEFAULT_SETTINGS.thresholds));
  bridge.handle('settings:get', () => ({ ...DEFAULT_SETTINGS, theme: 'dark' }));
  bridge.handle('vault:unlock', (input) => {
    if ((input as { passphrase: string }).passphrase !== 'correct horse battery') {
      throw Object.assign(new Error('Wrong passphrase for /tmp/v.certdesk'), { code: 'WRONG_PASSPHRASE' });
    }
    vault = { ...vault, state: 'unlocked' };
    return vault;
  });
  bridge.handle('vault:lock', () => (vault = { ...vault, state: 'locked' }));
  unsubscribe = subscribeToMain(useAppStore);
});
afterEach(() => unsubscribe());

async function unlock(): Promise<void> {
  await useAppStore.getState().loadAppInfo();
  expect(await useAppStore.getState().unlockVault('correct horse battery')).toBeNull();
}

describe('store', () => {
  it('loads the dashboard, certificates and settings on unlock and never keeps the passphrase in state', async () => {
    await unlock();
    const s = useAppStore.getState();
    expect(s.vault.state).toBe('unlocked');
    expect(s.dashboard?.total).toBe(2);
    expect(s.dashboard?.authorities.map((c) => c.id)).toEqual(['root']);
    expect(s.certs.map((c) => c.id)).toEqual(['root', 'user-service']);
    expect(s.settings.theme).toBe('dark');
    expect(JSON.stringify(s)).not.toContain('correct horse battery');
  });

  it('after a damaged-vault refusal shows the choices main now offers, and passes only the chosen one back', async () => {
    const offer = { message: 'the file ends at byte 10', choices: ['read-only', 'repair'] as const };
    bridge.handle('vault:unlock', (input) => {
      const { damaged } = input as { damaged?: string };
      if (!damaged) {
        vault = { ...vault, damage: { ...offer, choices: [...offer.choices] } };
        throw Object.assign(new Error('The vault is damaged'), { code: 'VAULT_DAMAGED' });
      }
      vault = { state: 'unlocked', path: vault.path, readOnly: 'damaged, read-only' };
      return vault;
    });
    bridge.handle('vault:status', () => vault);
    await useAppStore.getState().loadAppInfo();
    const refused = await useAppStore.getState().unlockVault('correct horse battery');
    expect(refused?.code).toBe('VAULT_DAMAGED');
    expect(useAppStore.getState().vault.damage?.choices).toEqual(['read-only', 'repair']);
    expect(
      await useAppStore.getState().unlockVault('correct horse battery', { damaged: 'read-only' }),
    ).toBeNull();
    expect(bridge.calls.filter((c) => c.channel === 'vault:unlock').map((c) => c.input)).toEqual([
      { passphrase: 'correct horse battery' },
      { passphrase: 'correct horse battery', damaged: 'read-only' },
    ]);
    expect(useAppStore.getState().vault).toMatchObject({ state: 'unlocked', readOnly: 'damaged, read-only' });
  });

  it('returns the wrong-passphrase error to the caller and stays locked', async () => {
    await useAppStore.getState().loadAppInfo();
    const error = await useAppStore.getState().unlockVault('nope nope nope');
    expect(error?.code).toBe('WRONG_PASSPHRASE');
    expect(useAppStore.getState().vault.state).toBe('locked');
    expect(bridge.calls.some((c) => c.channel === 'certs:list')).toBe(false);
  });

  it('fetches the list once per unlock, also when vault:changed arrives before the unlock answer', async () => {
    bridge.handle('vault:status', () => vault);
    bridge.handle('vault:unlock', () => {
      vault = { ...vault, state: 'unlocked' };
      bridge.emit('vault:changed', vault);
      return vault;
    });
    await unlock();
    await flush();
    expect(bridge.calls.filter((c) => c.channel === 'certs:list')).toHaveLength(1);
    expect(useAppStore.getState().certs).toHaveLength(2);
  });

  it('asks for the dashboard summary first and for the list only once the summary has arrived', async () => {
    let answer: (() => void) | undefined;
    bridge.handle(
      'dashboard:summary',
      () =>
        new Promise((resolve) => {
          answer = () => resolve(dashboardSummary(list, NOW, DEFAULT_SETTINGS.thresholds));
        }),
    );
    await useAppStore.getState().loadAppInfo();
    const unlocked = useAppStore.getState().unlockVault('correct horse battery');
    await flush();
    expect(bridge.calls.map((c) => c.channel)).toContain('dashboard:summary');
    expect(bridge.calls.some((c) => c.channel === 'certs:list')).toBe(false);
    expect(useAppStore.getState().dashboardState).toBe('loading');
    answer?.();
    expect(await unlocked).toBeNull();
    expect(useAppStore.getState().dashboard?.counts.valid).toBe(2);
    expect(bridge.calls.filter((c) => c.channel === 'dashboard:summary')).toHaveLength(1);
    expect(bridge.calls.filter((c) => c.channel === 'certs:list')).toHaveLength(1);
  });

  it('refetches the summary on certs:changed only while the dashboard shows, and when the dashboard is opened again', async () => {
    await unlock();
    const summaries = (): number => bridge.calls.filter((c) => c.channel === 'dashboard:summary').length;
    const lists = (): number => bridge.calls.filter((c) => c.channel === 'certs:list').length;
    list = [...list, cert('billing-service', 20, { profile: 'client' })];
    bridge.emit('certs:changed');
    await flush();
    expect([summaries(), lists()]).toEqual([2, 2]);
    expect(useAppStore.getState().dashboard?.counts.expiring).toBe(1);

    useAppStore.getState().navigate('certificates');
    list = [...list, cert('audit-service', 10)];
    bridge.emit('certs:changed');
    await flush();
    expect([summaries(), lists()]).toEqual([2, 3]);
    expect(useAppStore.getState().certs).toHaveLength(4);

    useAppStore.getState().navigate('dashboard');
    await flush();
    expect(summaries()).toBe(3);
    expect(useAppStore.getState().dashboard?.counts.expiring).toBe(2);
    expect(lists()).toBe(3);
  });

  it('follows the clock while the dashboard shows: each tick asks main for a current summary, never the list', async () => {
    await unlock();
    const summaries = (): number => bridge.calls.filter((c) => c.channel === 'dashboard:summary').length;
    const lists = (): number => bridge.calls.filter((c) => c.channel === 'certs:list').length;
    list = [...list, cert('billing-service', 20, { profile: 'client' })];
    useAppStore.getState().tick();
    await flush();
    expect([summaries(), lists()]).toEqual([2, 1]);
    expect(useAppStore.getState().dashboard?.counts.expiring).toBe(1);

    useAppStore.getState().navigate('certificates');
    useAppStore.getState().tick();
    await flush();
    expect(summaries()).toBe(2);

    useAppStore.getState().navigate('dashboard');
    await flush();
    await useAppStore.getState().lockVault();
    const beforeLockedTick = summaries();
    useAppStore.getState().tick();
    await flush();
    expect(summaries()).toBe(beforeLockedTick);
  });

  it('judges a certificate made since the last clock tick against the clock of its arrival: valid, full term', async () => {
    vi.useFakeTimers({ toFake: ['Date'], now: NOW });
    try {
      await unlock();
      const th = DEFAULT_SETTINGS.thresholds;
      // 30 s later, before the next tick: a vendor certificate signed 10 s ago for 200 days is tracked
      vi.setSystemTime(NOW.getTime() + 30_000);
      const signedAt = NOW.getTime() + 20_000;
      const vendor = cert('vendor', 0, {
        notBefore: new Date(signedAt).toISOString(),
        notAfter: new Date(signedAt + 200 * 86_400_000).toISOString(),
        tracked: true,
      });
      list = [...list, vendor];
      bridge.emit('certs:changed', {});
      await vi.waitFor(() => expect(useAppStore.getState().certs).toHaveLength(3));
      const now = new Date(useAppStore.getState().nowMs);
      expect(certStatus(vendor, now, th)).toBe('valid');
      expect(daysLeftShown(vendor, now)).toBe(200);

      // the dashboard's answer too: its authorities are judged in the page
      vi.setSystemTime(NOW.getTime() + 50_000);
      const ca = cert('new-ca', 0, {
        kind: 'ca',
        profile: 'root',
        issuerId: null,
        notBefore: new Date(NOW.getTime() + 40_000).toISOString(),
        notAfter: new Date(NOW.getTime() + 3650 * 86_400_000).toISOString(),
      });
      list = [...list, ca];
      await useAppStore.getState().loadDashboard();
      expect(certStatus(ca, new Date(useAppStore.getState().nowMs), th)).toBe('valid');
    } finally {
      vi.useRealTimers();
    }
  });

  it("reads CRL state for the dashboard's authorities while the list is still on its way", async () => {
    let answerList: (() => void) | undefined;
    bridge.handle('certs:list', () => new Promise((resolve) => (answerList = () => resolve(list))));
    bridge.handle('crl:latest', (input) => ({ caId: (input as { caId: string }).caId, number: 1 }));
    await useAppStore.getState().loadAppInfo();
    const unlocked = useAppStore.getState().unlockVault('correct horse battery');
    await flush();
    expect(useAppStore.getState().certsState).toBe('loading');
    await useAppStore.getState().loadCrls();
    expect(Object.keys(useAppStore.getState().crls)).toEqual(['root']);
    answerList?.();
    expect(await unlocked).toBeNull();
  });

  it('keeps the last summary and offers a retry when dashboard:summary fails', async () => {
    await unlock();
    bridge.handle('dashboard:summary', () => {
      throw Object.assign(new Error('The vault is locked'), { code: 'VAULT_LOCKED' });
    });
    bridge.emit('certs:changed');
    await flush();
    const s = useAppStore.getState();
    expect(s.dashboardState).toBe('error');
    expect(s.dashboardError).toBe('The vault is locked');
    expect(s.dashboard?.total).toBe(2);
  });

  it('refetches the list when main pushes certs:changed', async () => {
    await unlock();
    list = [...list, cert('billing-service', 20, { profile: 'client' })];
    bridge.emit('certs:changed');
    await flush();
    expect(useAppStore.getState().certs.map((c) => c.id)).toContain('billing-service');
  });

  it('coalesces a burst of certs:changed into at most one extra request', async () => {
    await unlock();
    const before = bridge.calls.filter((c) => c.channel === 'certs:list').length;
    for (let i = 0; i < 20; i++) bridge.emit('certs:changed');
    await flush();
    await flush();
    const after = bridge.calls.filter((c) => c.channel === 'certs:list').length;
    expect(after - before).toBe(2);
  });

  it('on audit:appended refetches only the log a page shows, a burst coalesced into at most one extra request', async () => {
    bridge.handle('audit:list', () => []);
    await unlock();
    const lists = (): unknown[] => bridge.calls.filter((c) => c.channel === 'audit:list').map((c) => c.input);
    useAppStore.getState().navigate('certificates');
    bridge.emit('audit:appended');
    await flush();
    expect(lists()).toEqual([]);
    useAppStore.getState().navigate('dashboard');
    for (let i = 0; i < 20; i++) bridge.emit('audit:appended');
    await flush();
    await flush();
    expect(lists()).toEqual([{ limit: RECENT_AUDIT_LIMIT }, { limit: RECENT_AUDIT_LIMIT }]);
    useAppStore.getState().navigate('audit');
    bridge.emit('audit:appended');
    await flush();
    expect(lists().slice(2)).toEqual([{ limit: AUDIT_VIEW_LIMIT }]);
  });

  it('ignores certs:changed while locked', async () => {
    await useAppStore.getState().loadAppInfo();
    bridge.emit('certs:changed');
    await flush();
    expect(bridge.calls.some((c) => c.channel === 'certs:list')).toBe(false);
  });

  it('drops every cached certificate when main reports vault:locked (auto-lock)', async () => {
    await unlock();
    bridge.emit('vault:locked', { reason: 'idle' });
    const s = useAppStore.getState();
    expect(s.vault.state).toBe('locked');
    expect(s.certs).toEqual([]);
    expect(s.dashboard).toBeNull();
    expect(s.detail).toBeNull();
    expect(s.toasts.at(-1)?.message).toMatch(/locked automatically after inactivity/);
  });

  it('does not call a lock the operator asked for automatic', async () => {
    await unlock();
    bridge.emit('vault:locked', { reason: 'user' });
    expect(useAppStore.getState().vault.state).toBe('locked');
    expect(useAppStore.getState().toasts.some((t) => /automatically/.test(t.message))).toBe(false);
  });

  it('uses the service clock when app:info carries one', async () => {
    bridge.handle('app:info', () => ({
      name: 'CertDesk',
      version: '0.1.0',
      platform: 'linux',
      vault,
      now: '2030-06-01T00:00:00.000Z',
    }));
    await useAppStore.getState().loadAppInfo();
    const skew = Math.abs(useAppStore.getState().nowMs - Date.parse('2030-06-01T00:00:00.000Z'));
    expect(skew).toBeLessThan(60_000);
  });
});

describe('native menu commands', () => {
  it('maps Export… to the open certificate and New Vault… to the gate form', async () => {
    await useAppStore.getState().loadAppInfo();
    bridge.emit('menu:command', { command: 'open-vault' });
    expect(useAppStore.getState().gateTab).toBe('open');
    await unlock();
    bridge.handle('certs:get', () => {
      throw Object.assign(new Error('not needed'), { code: 'NOT_FOUND' });
    });
    useAppStore.getState().openCert('user-service');
    const before = useAppStore.getState().exportRequested;
    bridge.emit('menu:command', { command: 'export' });
    expect(useAppStore.getState().exportRequested).toBe(before + 1);
    bridge.emit('menu:command', { command: 'new-vault' });
    expect(useAppStore.getState().toasts.at(-1)?.message).toMatch(/Lock this vault first/);
  });

  it('in a read-only vault refuses Import… and Ctrl+N with the read-only reason and stays on the page', async () => {
    await unlock();
    useAppStore.setState({ vault: { ...useAppStore.getState().vault, readOnly: 'damaged, read-only' } });
    useAppStore.getState().navigate('certificates');
    bridge.emit('menu:command', { command: 'import' });
    runCommand(useAppStore, 'issue');
    const s = useAppStore.getState();
    expect(s.route).toBe('certificates');
    expect(s.toasts.map((t) => t.message)).toEqual([
      'Vault is read-only: lock it to repair or restore before changing anything',
      'Vault is read-only: lock it to repair or restore before changing anything',
    ]);
    // Going to a page still works like the side navigation: its write buttons show the reason there.
    runCommand(useAppStore, 'go:issue');
    expect(useAppStore.getState().route).toBe('issue');
  });
});
