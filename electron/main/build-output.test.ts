// Checks on what `npm run build` produced: run after the build (the test script builds first).
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { FromFrameWorker, ToFrameWorker } from '../core/vault/frame-jobs';
import {
  encodeFrame,
  FLAG_DEFLATE,
  frameAad,
  FRAME_HEADER_BYTES,
  FRAME_OVERHEAD,
  TAG_BYTES,
  ZERO_TAG,
} from '../core/vault/frames';
import { CSP_DIRECTIVES, parseCsp } from './content-security-policy';

const DIST = path.resolve(__dirname, '../../dist');

function built(relative: string): string {
  const file = path.join(DIST, relative);
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run build\` before the unit tests`);
  return readFileSync(file, 'utf8');
}

describe('built preload (dist/electron/preload.cjs)', () => {
  it('requires nothing but electron, which is all a sandboxed preload may load besides a few polyfills', () => {
    const source = built('electron/preload.cjs');
    const required = [...source.matchAll(/\brequire\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((m) => m[2]);
    expect(required.length).toBeGreaterThan(0);
    expect([...new Set(required)]).toEqual(['electron']);
    expect(source).not.toMatch(/\bimport\s*\(/);
  });

  it('exposes window.certdesk through contextBridge and never exposes ipcRenderer itself', () => {
    const source = built('electron/preload.cjs');
    expect(source).toMatch(/exposeInMainWorld\(\s*"certdesk"/);
    expect(source).not.toMatch(/exposeInMainWorld\(\s*"[^"]+"\s*,\s*(import_electron\.)?ipcRenderer\s*\)/);
  });
});

describe('built renderer (dist/renderer/index.html)', () => {
  const html = (): string => built('renderer/index.html');
  const metaPolicy = (): Map<string, string> => {
    const match = html().match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]+)"/i);
    if (!match?.[1]) throw new Error('no CSP meta tag in dist/renderer/index.html');
    return parseCsp(match[1]);
  };

  it("carries a CSP with default-src 'none' and no unsafe-inline, unsafe-eval or remote source", () => {
    const policy = metaPolicy();
    expect(policy.get('default-src')).toBe("'none'");
    expect(policy.get('script-src')).toBe("'self'");
    expect(policy.get('object-src')).toBe("'none'");
    expect(policy.get('base-uri')).toBe("'none'");
    for (const [name, value] of policy) {
      expect(value, name).not.toMatch(
        /unsafe-inline|unsafe-eval|unsafe-hashes|wasm-unsafe-eval|\*|https?:|ws[s]?:/,
      );
    }
  });

  it('matches the policy the app:// handler sends as a header, directive for directive', () => {
    const policy = metaPolicy();
    for (const [name, value] of policy) expect(CSP_DIRECTIVES[name], name).toBe(value);
    // frame-ancestors is header-only: browsers ignore it in a meta tag
    const headerOnly = Object.keys(CSP_DIRECTIVES).filter((name) => !policy.has(name));
    expect(headerOnly).toEqual(['frame-ancestors']);
  });

  it('loads only same-folder scripts and styles, with no inline script', () => {
    const page = html();
    const scripts = [...page.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/g)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs = '', body = ''] of scripts) {
      expect(attrs).toMatch(/\bsrc="\.\/assets\/[^"]+\.js"/);
      expect(body.trim()).toBe('');
    }
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
  });
});

describe('built CLI and main (dist/cli/certdesk.cjs, dist/electron/main.cjs)', () => {
  it('carry no test switch that weakens the KDF: the cheap test policy lives only in a test entry point', () => {
    for (const file of ['cli/certdesk.cjs', 'electron/main.cjs']) {
      const source = built(file);
      expect(source, file).not.toContain('CERTDESK_TEST_KDF');
      expect(source, file).not.toContain('certdesk-test-kdf');
      expect(source, file).not.toMatch(/kdf\s*===\s*["']fast["']/);
    }
  });
});

describe('worker-thread entries beside the bundles (core/worker-start.ts)', () => {
  it('open a sealed frame from both dist/electron and dist/cli, as an unlock of a large vault asks them to', async () => {
    const key = randomBytes(32);
    const plaintext = Buffer.from('[{"type":"settings","data":{"theme":"dark"}}]');
    const checksum = randomBytes(32);
    const { bytes } = encodeFrame(key, checksum, { index: 0, prevTag: ZERO_TAG }, plaintext, FLAG_DEFLATE);
    const file = Buffer.from(new SharedArrayBuffer(bytes.length));
    bytes.copy(file);
    const head = file.subarray(0, FRAME_HEADER_BYTES);
    for (const dir of ['electron', 'cli']) {
      built(`${dir}/pkcs12-kdf-worker.cjs`);
      built(`${dir}/frame-worker.cjs`);
      const worker = new Worker(path.join(DIST, dir, 'frame-worker.cjs'));
      const reply = new Promise<FromFrameWorker>((resolve) => worker.once('message', resolve));
      worker.postMessage({
        op: 'start',
        key: Uint8Array.from(key),
        file: file.buffer,
        ahead: 1,
        jobs: [
          {
            index: 0,
            headAt: 0,
            ciphertextAt: FRAME_HEADER_BYTES,
            ciphertextBytes: bytes.length - FRAME_OVERHEAD,
            tagAt: bytes.length - TAG_BYTES,
            aad: frameAad(checksum, 0, ZERO_TAG, head),
            deflated: true,
          },
        ],
      } satisfies ToFrameWorker);
      const m = await reply;
      await worker.terminate();
      expect('buffer' in m && Buffer.from(m.buffer, m.offset, m.bytes).toString(), dir).toBe(
        plaintext.toString(),
      );
    }
  });
});
