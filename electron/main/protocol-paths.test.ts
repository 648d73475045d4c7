import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';
import { contentTypeFor, rendererResponse, resolveRendererRequest } from './protocol-paths';

let scratch: string;
let root: string;

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'certdesk-protocol-'));
  root = path.join(scratch, 'renderer');
  mkdirSync(path.join(root, 'assets'), { recursive: true });
  writeFileSync(path.join(root, 'index.html'), '<!doctype html><title>CertDesk</title>');
  writeFileSync(path.join(root, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(path.join(root, 'assets', 'index-abc.css'), 'body{}');
  // a secret beside the renderer folder, which no URL may reach
  writeFileSync(path.join(scratch, 'secret.txt'), 'private');
  mkdirSync(path.join(scratch, 'renderer-evil'));
  writeFileSync(path.join(scratch, 'renderer-evil', 'x.js'), 'evil');
});

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('resolveRendererRequest', () => {
  it('maps the origin root and index.html to the entry page', () => {
    for (const url of ['app://certdesk/', 'app://certdesk', 'app://certdesk/index.html']) {
      expect(resolveRendererRequest(root, url), url).toEqual({
        kind: 'file',
        filePath: path.join(root, 'index.html'),
        contentType: 'text/html; charset=utf-8',
      });
    }
  });

  it('ignores query strings and fragments', () => {
    const r = resolveRendererRequest(root, 'app://certdesk/assets/index-abc.js?v=1#x');
    expect(r).toMatchObject({ kind: 'file', filePath: path.join(root, 'assets', 'index-abc.js') });
  });

  it('refuses traversal, whether literal, percent-encoded or through backslashes', () => {
    const attempts = [
      'app://certdesk/..%2fsecret.txt',
      'app://certdesk/assets/..%2f..%2fsecret.txt',
      'app://certdesk/%2e%2e%2fsecret.txt',
      'app://certdesk/..%5csecret.txt',
      'app://certdesk/%2e%2e/renderer-evil/x.js',
      'app://certdesk/..%2frenderer-evil/x.js',
      'app://certdesk/%2fetc%2fpasswd',
    ];
    for (const url of attempts) {
      const r = resolveRendererRequest(root, url);
      if (r.kind === 'file') {
        // The URL parser may have folded the segments: then the result must still be inside the root.
        expect(path.relative(root, r.filePath).startsWith('..'), url).toBe(false);
      } else {
        expect([400, 403], url).toContain(r.status);
      }
    }
    expect(resolveRendererRequest(root, 'app://certdesk/..%2fsecret.txt')).toMatchObject({
      kind: 'refused',
      status: 403,
    });
    expect(resolveRendererRequest(root, 'app://certdesk/..%5csecret.txt')).toMatchObject({
      kind: 'refused',
      status: 400,
    });
  });

  it('refuses NUL bytes and malformed percent-encoding', () => {
    expect(resolveRendererRequest(root, 'app://certdesk/index.html%00.js')).toMatchObject({
      kind: 'refused',
      status: 400,
    });
    expect(resolveRendererRequest(root, 'app://certdesk/%E0%A4%A')).toMatchObject({
      kind: 'refused',
      status: 400,
    });
  });

  it('refuses other hosts and schemes, and methods other than GET and HEAD', () => {
    expect(resolveRendererRequest(root, 'app://other/index.html')).toMatchObject({
      kind: 'refused',
      status: 403,
    });
    expect(resolveRendererRequest(root, 'https://certdesk/index.html')).toMatchObject({
      kind: 'refused',
      status: 403,
    });
    expect(resolveRendererRequest(root, 'app://certdesk/index.html', 'POST')).toMatchObject({
      kind: 'refused',
      status: 405,
    });
  });
});

describe('contentTypeFor', () => {
  it('gives the types Chromium needs for module scripts and styles, and opaque bytes otherwise', () => {
    expect(contentTypeFor('a/index-abc.js')).toBe('text/javascript; charset=utf-8');
    expect(contentTypeFor('a/index-abc.css')).toBe('text/css; charset=utf-8');
    expect(contentTypeFor('a/index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeFor('a/logo.svg')).toBe('image/svg+xml');
    expect(contentTypeFor('a/font.woff2')).toBe('font/woff2');
    expect(contentTypeFor('a/unknown.bin')).toBe('application/octet-stream');
  });
});

describe('rendererResponse', () => {
  it('serves files with their content type, the CSP header and nosniff', async () => {
    const res = await rendererResponse(root, { url: 'app://certdesk/assets/index-abc.js', method: 'GET' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toBe('console.log(1)');
  });

  it('answers 404 for unknown files and for directories', async () => {
    expect((await rendererResponse(root, { url: 'app://certdesk/missing.js', method: 'GET' })).status).toBe(
      404,
    );
    expect((await rendererResponse(root, { url: 'app://certdesk/assets', method: 'GET' })).status).toBe(404);
  });

  it('never returns a file from outside the renderer folder, and still sends the CSP on refusals', async () => {
    const res = await rendererResponse(root, { url: 'app://certdesk/..%2fsecret.txt', method: 'GET' });
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain('private');
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
  });

  it('answers HEAD without a body', async () => {
    const res = await rendererResponse(root, { url: 'app://certdesk/index.html', method: 'HEAD' });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
  });
});
