import { describe, expect, it } from 'vitest';
import { APP_ENTRY_URL, isAppUrl } from './app-origin';
import { isAllowedNavigation, isAllowedRequest, WINDOW_OPEN_RESPONSE } from './navigation-policy';

describe('isAppUrl', () => {
  it('accepts pages and assets on app://certdesk', () => {
    expect(isAppUrl(APP_ENTRY_URL)).toBe(true);
    expect(isAppUrl('app://certdesk/assets/index-abc.js')).toBe(true);
  });

  it('refuses look-alike hosts, credentials, ports and other schemes', () => {
    for (const url of [
      'app://certdesk.evil.example/index.html',
      'app://evil/index.html',
      'app://user@certdesk/index.html',
      'app://certdesk:8080/index.html',
      'https://certdesk/index.html',
      'file:///app/certdesk/index.html',
      'not a url',
      '',
    ]) {
      expect(isAppUrl(url), url).toBe(false);
    }
  });
});

describe('isAllowedNavigation', () => {
  it('allows navigation within the app origin', () => {
    expect(isAllowedNavigation('app://certdesk/index.html')).toBe(true);
    expect(isAllowedNavigation('app://certdesk/index.html#/certs')).toBe(true);
  });

  it('refuses remote sites, file://, javascript:, data: and blob: targets', () => {
    for (const url of [
      'https://example.com/',
      'http://example.com/',
      'https://app.certdesk.invalid/index.html',
      'file:///etc/passwd',
      'file:///home/op/server.crt',
      'javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'blob:app://certdesk/1234',
      'chrome://settings',
      'devtools://devtools/bundled/inspector.html',
    ]) {
      expect(isAllowedNavigation(url), url).toBe(false);
    }
  });
});

describe('isAllowedRequest', () => {
  const packaged = { allowDevTools: false };

  it('lets app:// and data: through', () => {
    expect(isAllowedRequest('app://certdesk/assets/app.js', packaged)).toBe(true);
    expect(isAllowedRequest('data:image/png;base64,iVBORw0KGgo=', packaged)).toBe(true);
  });

  it('cancels every remote or local-file request', () => {
    for (const url of [
      'https://example.com/x.png',
      'http://127.0.0.1:8080/',
      'wss://example.com/socket',
      'ftp://example.com/file',
      'file:///etc/passwd',
      'app://other/index.html',
    ]) {
      expect(isAllowedRequest(url, packaged), url).toBe(false);
    }
  });

  it('lets DevTools pages load only when DevTools are enabled', () => {
    const url = 'devtools://devtools/bundled/devtools_app.html';
    expect(isAllowedRequest(url, { allowDevTools: false })).toBe(false);
    expect(isAllowedRequest(url, { allowDevTools: true })).toBe(true);
  });
});

describe('WINDOW_OPEN_RESPONSE', () => {
  it('denies every new window', () => {
    expect(WINDOW_OPEN_RESPONSE).toEqual({ action: 'deny' });
  });
});
