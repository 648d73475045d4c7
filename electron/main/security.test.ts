import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { hardenAllWebContents, hardenSession, hardenWebContents } from './security';

type Fn = (...args: never[]) => unknown;

/** Records the handlers hardenSession installs, so each can be called as Electron would. */
function fakeSession() {
  const installed: Record<string, Fn> = {};
  const setter = (name: string) => (handler: Fn) => {
    installed[name] = handler;
  };
  const session = {
    setPermissionRequestHandler: setter('request'),
    setPermissionCheckHandler: setter('check'),
    setDevicePermissionHandler: setter('device'),
    setDisplayMediaRequestHandler: setter('displayMedia'),
    setBluetoothPairingHandler: setter('bluetooth'),
    webRequest: { onBeforeRequest: setter('beforeRequest') },
  };
  return { session: session as unknown as Parameters<typeof hardenSession>[0], installed };
}

function call<T>(fn: Fn | undefined, ...args: unknown[]): T {
  if (!fn) throw new Error('handler not installed');
  return (fn as (...a: unknown[]) => T)(...args);
}

class FakeEvent {
  defaultPrevented = false;
  preventDefault(): void {
    this.defaultPrevented = true;
  }
}

/** A webContents stand-in: an EventEmitter plus the window-open handler slot. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => unknown) | null = null;
  setWindowOpenHandler(handler: (details: { url: string }) => unknown): void {
    this.openHandler = handler;
  }
}

function hardened(): { contents: FakeContents; refused: string[] } {
  const contents = new FakeContents();
  const refused: string[] = [];
  hardenWebContents(contents as unknown as Parameters<typeof hardenWebContents>[0], {
    onRefused: (what, url) => refused.push(`${what} ${url}`),
  });
  return { contents, refused };
}

describe('hardenSession', () => {
  it('answers every permission request with false', () => {
    const { session, installed } = fakeSession();
    hardenSession(session, { allowDevTools: false });
    const answers: boolean[] = [];
    const contents = { getURL: () => 'app://certdesk/index.html' };
    for (const permission of [
      'media',
      'geolocation',
      'notifications',
      'clipboard-read',
      'openExternal',
      'unknown',
    ]) {
      call(installed.request, contents, permission, (granted: boolean) => answers.push(granted), {});
    }
    expect(answers).toEqual([false, false, false, false, false, false]);
  });

  it('answers every permission check and device request with false', () => {
    const { session, installed } = fakeSession();
    hardenSession(session, { allowDevTools: false });
    expect(call(installed.check, null, 'clipboard-sanitized-write', 'app://certdesk', {})).toBe(false);
    expect(call(installed.check, null, 'fullscreen', 'app://certdesk', {})).toBe(false);
    expect(call(installed.device, { deviceType: 'usb', origin: 'app://certdesk' })).toBe(false);
    expect(call(installed.device, { deviceType: 'hid', origin: 'app://certdesk' })).toBe(false);
  });

  it('refuses screen capture and Bluetooth pairing', () => {
    const { session, installed } = fakeSession();
    hardenSession(session, { allowDevTools: false });
    let streams: unknown = 'unset';
    call(installed.displayMedia, {}, (s: unknown) => (streams = s));
    expect(streams).toBeNull();
    let pairing: unknown;
    call(installed.bluetooth, {}, (r: unknown) => (pairing = r));
    expect(pairing).toEqual({ confirmed: false });
  });

  it('cancels every request that is not app:// and lets the app origin through', () => {
    const { session, installed } = fakeSession();
    const refused: string[] = [];
    hardenSession(session, { allowDevTools: false, onRefused: (_w, url) => refused.push(url) });
    const decide = (url: string): unknown => {
      let answer: unknown;
      call(installed.beforeRequest, { url }, (r: unknown) => (answer = r));
      return answer;
    };
    expect(decide('app://certdesk/assets/app.js')).toEqual({ cancel: false });
    expect(decide('https://example.com/x.png')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(refused).toEqual(['https://example.com/x.png', 'file:///etc/passwd']);
  });
});

describe('hardenWebContents', () => {
  it('prevents top-level navigation away from the app origin and allows it within', () => {
    const { contents, refused } = hardened();
    const away = new FakeEvent();
    contents.emit('will-navigate', away, 'https://example.com/');
    expect(away.defaultPrevented).toBe(true);
    const within = new FakeEvent();
    contents.emit('will-navigate', within, 'app://certdesk/index.html');
    expect(within.defaultPrevented).toBe(false);
    expect(refused).toEqual(['navigation https://example.com/']);
  });

  it('prevents file://, javascript: and redirects off the origin', () => {
    const { contents } = hardened();
    const file = new FakeEvent();
    contents.emit('will-navigate', file, 'file:///home/op/ca.key');
    const js = new FakeEvent();
    contents.emit('will-navigate', js, 'javascript:alert(1)');
    const redirect = new FakeEvent();
    contents.emit('will-redirect', redirect, 'https://example.com/');
    expect([file, js, redirect].map((e) => e.defaultPrevented)).toEqual([true, true, true]);
  });

  it('prevents subframe navigation off the origin', () => {
    const { contents } = hardened();
    const details = Object.assign(new FakeEvent(), { url: 'https://example.com/frame' });
    contents.emit('will-frame-navigate', details);
    expect(details.defaultPrevented).toBe(true);
  });

  it('prevents any <webview> from attaching', () => {
    const { contents } = hardened();
    const event = new FakeEvent();
    contents.emit('will-attach-webview', event, {}, {});
    expect(event.defaultPrevented).toBe(true);
  });

  it('denies every new window, whatever its URL', () => {
    const { contents } = hardened();
    expect(contents.openHandler?.({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://certdesk/index.html' })).toEqual({ action: 'deny' });
  });
});

describe('hardenAllWebContents', () => {
  it('hardens every webContents the app creates', () => {
    const app = new EventEmitter();
    hardenAllWebContents(app as unknown as Parameters<typeof hardenAllWebContents>[0]);
    const contents = new FakeContents();
    app.emit('web-contents-created', new FakeEvent(), contents);
    const event = new FakeEvent();
    contents.emit('will-navigate', event, 'https://example.com/');
    expect(event.defaultPrevented).toBe(true);
    expect(contents.openHandler).not.toBeNull();
  });
});
