import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomBytes } from 'node:crypto';
import { AuditLog } from './index';

const KEY = randomBytes(32);

let dir: string;
let script: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'audit-proc-'));
  script = join(dir, 'append-child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'test-support', 'append-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: script,
    logLevel: 'silent',
  });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(path: string, count: number, tag: string): Promise<number | null> {
  const child = spawn(process.execPath, [script, path, String(count), tag, KEY.toString('hex')], {
    stdio: 'inherit',
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

describe('audit log across processes', () => {
  it('keeps a single intact chain when two processes (app and CLI) append at the same time', async () => {
    const log = new AuditLog(join(dir, 'pki.vault.audit.jsonl'), { keys: [KEY] });
    const codes = await Promise.all([run(log.path, 40, 'app'), run(log.path, 40, 'cli')]);
    expect(codes).toEqual([0, 0]);
    expect(await log.verify()).toMatchObject({ ok: true, entries: 80 });
    const serials = (await log.list()).map((e) => e.serial);
    expect(serials.filter((s) => s?.startsWith('app-'))).toHaveLength(40);
    expect(serials.filter((s) => s?.startsWith('cli-'))).toHaveLength(40);
  });
});
