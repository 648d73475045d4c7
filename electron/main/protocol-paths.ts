import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { APP_HOST, APP_SCHEME } from './app-origin';
import { CONTENT_SECURITY_POLICY } from './content-security-policy';

/** Content types for what Vite emits; anything else is served as opaque bytes (and nosniff stops guessing). */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.txt': 'text/plain; charset=utf-8',
};

export function contentTypeFor(filePath: string): string {
  return CONTENT_TYPES[path.extname(filePath).toLowerCase()] ?? 'application/octet-stream';
}

/** Headers on every app:// response: the CSP (see content-security-policy.ts) and no MIME sniffing. */
export function responseHeaders(contentType: string): Record<string, string> {
  return {
    'Content-Type': contentType,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cache-Control': 'no-store',
  };
}

export type RendererRequest =
  | { kind: 'file'; filePath: string; contentType: string }
  | { kind: 'refused'; status: 400 | 403 | 404 | 405; reason: string };

/**
 * Maps an app:// request to a file inside the built renderer folder, or says why not. The URL parser
 * already folds literal `../` segments, so the dangerous inputs are encoded ones (`..%2F`, `%5C`) that only
 * become separators after decoding: the decoded path is resolved and must stay inside `rootDir`.
 */
export function resolveRendererRequest(rootDir: string, url: string, method = 'GET'): RendererRequest {
  if (method !== 'GET' && method !== 'HEAD')
    return { kind: 'refused', status: 405, reason: `method ${method}` };
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return { kind: 'refused', status: 400, reason: 'malformed URL' };
  }
  if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== APP_HOST) {
    return { kind: 'refused', status: 403, reason: `foreign origin ${parsed.protocol}//${parsed.host}` };
  }
  let relative: string;
  try {
    relative = decodeURIComponent(parsed.pathname);
  } catch {
    return { kind: 'refused', status: 400, reason: 'malformed percent-encoding' };
  }
  if (relative.includes('\0') || relative.includes('\\')) {
    return { kind: 'refused', status: 400, reason: 'NUL or backslash in path' };
  }
  relative = relative.replace(/^\/+/, '');
  if (relative === '') relative = 'index.html';
  const root = path.resolve(rootDir);
  const filePath = path.resolve(root, relative);
  const inside = path.relative(root, filePath);
  if (inside === '' || inside === '..' || inside.startsWith(`..${path.sep}`) || path.isAbsolute(inside)) {
    return { kind: 'refused', status: 403, reason: 'path escapes the renderer folder' };
  }
  return { kind: 'file', filePath, contentType: contentTypeFor(filePath) };
}

/**
 * The protocol handler's whole behaviour as a plain function of (request → Response), so it is tested under
 * Node without the Electron binary; protocol.ts only hands it to `protocol.handle`.
 */
export async function rendererResponse(
  rootDir: string,
  request: { url: string; method: string },
): Promise<Response> {
  const resolved = resolveRendererRequest(rootDir, request.url, request.method);
  if (resolved.kind === 'refused') {
    return new Response(resolved.reason, {
      status: resolved.status,
      headers: responseHeaders('text/plain; charset=utf-8'),
    });
  }
  try {
    const info = await stat(resolved.filePath);
    if (!info.isFile()) throw new Error('not a regular file');
    const body = request.method === 'HEAD' ? null : await readFile(resolved.filePath);
    return new Response(body, { status: 200, headers: responseHeaders(resolved.contentType) });
  } catch {
    return new Response('not found', { status: 404, headers: responseHeaders('text/plain; charset=utf-8') });
  }
}
