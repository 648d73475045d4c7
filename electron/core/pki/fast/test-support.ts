/** Test-only helpers for the batch fast path: openssl in a temp dir, PEM, and a DER outline walker. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export class Scratch {
  readonly path = mkdtempSync(join(tmpdir(), 'certdesk-fast-'));
  write(name: string, data: string | Uint8Array): string {
    const p = join(this.path, name);
    writeFileSync(p, data);
    return p;
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

export function runOpenssl(args: string[], cwd: string): { code: number; out: string } {
  const r = spawnSync('openssl', args, { cwd, encoding: 'utf8' });
  return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}` };
}

export function pem(der: Uint8Array, label: string): string {
  const b64 = Buffer.from(der)
    .toString('base64')
    .replace(/(.{64})/g, '$1\n');
  return `-----BEGIN ${label}-----\n${b64}${b64.endsWith('\n') ? '' : '\n'}-----END ${label}-----\n`;
}

/** A DER node as a plain tree: tag + children for constructed types, tag + hex content for primitives. */
export type Outline = { tag: number; children: Outline[] } | { tag: number; hex: string };

function readHeader(b: Uint8Array, off: number): { tag: number; start: number; end: number } {
  const tag = b[off] ?? 0;
  let len = b[off + 1] ?? 0;
  let start = off + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + (b[start + i] ?? 0);
    start += n;
  }
  return { tag, start, end: start + len };
}

/** Walks DER; OCTET STRINGs that hold DER (extension values) are walked too. */
export function outline(b: Uint8Array, off = 0, end = b.length): Outline[] {
  const out: Outline[] = [];
  while (off < end) {
    const h = readHeader(b, off);
    const content = b.subarray(h.start, h.end);
    const nested =
      h.tag === 0x04 &&
      content.length > 1 &&
      (content[0] === 0x30 || content[0] === 0x04 || content[0] === 0x03);
    if (h.tag & 0x20 || nested) out.push({ tag: h.tag, children: outline(b, h.start, h.end) });
    else out.push({ tag: h.tag, hex: Buffer.from(content).toString('hex') });
    off = h.end;
  }
  return out;
}

/** Replaces the node at `path` (child indexes from the root) with a placeholder. */
export function mask(tree: Outline[], path: number[]): void {
  let list = tree;
  for (let i = 0; i < path.length - 1; i++) {
    const n = list[path[i] ?? 0];
    if (!n || !('children' in n)) throw new Error(`no constructed node at ${path.slice(0, i + 1).join('.')}`);
    list = n.children;
  }
  const last = path[path.length - 1] ?? 0;
  if (!list[last]) throw new Error(`no node at ${path.join('.')}`);
  list[last] = { tag: list[last].tag, hex: '*' };
}
