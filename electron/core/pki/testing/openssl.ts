/** Test helpers: run the real openssl CLI in a temp dir (interop checks against a strict peer). */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function run(cmd: string, args: string[], cwd: string, input?: string): RunResult {
  const r = spawnSync(cmd, args, { cwd, input, encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout ?? '', stderr: r.stderr ?? '' };
}

export function openssl(args: string[], cwd: string, input?: string): RunResult {
  return run('openssl', args, cwd, input);
}

export class TempDir {
  readonly path = mkdtempSync(join(tmpdir(), 'certdesk-pki-'));
  write(name: string, data: string | Uint8Array): string {
    const p = join(this.path, name);
    writeFileSync(p, data);
    return p;
  }
  file(name: string): string {
    return join(this.path, name);
  }
  remove(): void {
    rmSync(this.path, { recursive: true, force: true });
  }
}

/** `openssl req -x509` arguments for a self-signed P-256 certificate with an unencrypted key (test fixtures). */
export function selfSignedP256Args(o: { cn: string; key: string; cert: string; days?: number }): string[] {
  return ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:P-256', '-nodes'].concat([
    '-keyout',
    o.key,
    '-out',
    o.cert,
    '-subj',
    `/CN=${o.cn}`,
    '-days',
    String(o.days ?? 30),
  ]);
}
