import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { registerAppScheme, serveRenderer } from './protocol';

describe('app:// scheme', () => {
  it('is registered as a standard, secure scheme that neither bypasses the CSP nor is readable cross-origin', () => {
    const registered: unknown[] = [];
    registerAppScheme({ registerSchemesAsPrivileged: (schemes) => registered.push(...schemes) });
    expect(registered).toEqual([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({
          standard: true,
          secure: true,
          bypassCSP: false,
          corsEnabled: false,
          allowServiceWorkers: false,
        }),
      }),
    ]);
  });

  it('is served from the renderer folder by the handler registered for app', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'certdesk-proto-'));
    try {
      writeFileSync(path.join(dir, 'index.html'), '<!doctype html>');
      let scheme = '';
      let handler: ((request: Request) => Response | Promise<Response>) | null = null;
      serveRenderer(
        {
          handle: (s, h) => {
            scheme = s;
            handler = h;
          },
        },
        dir,
      );
      expect(scheme).toBe('app');
      const res = await handler!(new Request('app://certdesk/index.html'));
      expect(res.status).toBe(200);
      expect(await res.text()).toBe('<!doctype html>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
