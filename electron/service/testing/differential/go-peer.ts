/**
 * Go's crypto/x509 and crypto/tls as a peer: tools/x509verify is built once per source version with the
 * distribution's Go toolchain, offline (standard library only), into a cache outside the repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TOOL_DIR = fileURLToPath(new URL('../../../../tools/x509verify/', import.meta.url));

export interface GoVerifyJob {
  id: string;
  leaf: string;
  intermediates: string[];
  roots: string[];
  purpose: 'server' | 'client' | 'any';
  time: string;
}
export interface GoVerifyResult {
  id: string;
  ok: boolean;
  /** validity, ca-flag, path-len, eku, name-constraints, trust, critical-extension, parse, other */
  kind?: string;
  error?: string;
}

export interface GoMtlsJob {
  id: string;
  serverCert: string;
  serverKey: string;
  serverCa: string;
  clientCert: string;
  clientKey: string;
  clientCa: string;
  serverName: string;
  time: string;
}
export interface GoMtlsResult {
  id: string;
  ok: boolean;
  serverError?: string;
  clientError?: string;
}

/** Builds the tool when its source changed; returns the binary's path. Throws with go's output otherwise. */
export function buildGoPeer(): string {
  const source = readFileSync(path.join(TOOL_DIR, 'main.go'));
  const tag = createHash('sha256').update(source).digest('hex').slice(0, 12);
  const cache = path.join(tmpdir(), 'certdesk-go-peer');
  const binary = path.join(cache, `x509verify-${tag}`);
  if (existsSync(binary)) return binary;
  mkdirSync(cache, { recursive: true });
  const go = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (go.error || go.status !== 0)
    throw new Error(
      'The differential tests need Go (Debian package golang-go) as a peer; scripts/test-all.sh installs it',
    );
  execFileSync('go', ['build', '-o', binary, '.'], {
    cwd: TOOL_DIR,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      GOCACHE: path.join(cache, 'gocache'),
      GOPATH: path.join(cache, 'gopath'),
      GOFLAGS: '-mod=mod',
      GOPROXY: 'off',
      GOTOOLCHAIN: 'local',
      GO111MODULE: 'on',
      CGO_ENABLED: '0',
    },
  });
  return binary;
}

function run<J, R>(binary: string, mode: 'verify' | 'mtls', jobs: J[]): R[] {
  if (jobs.length === 0) return [];
  const out = execFileSync(binary, [mode], {
    input: JSON.stringify(jobs),
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  return out
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as R);
}

export const goVerify = (binary: string, jobs: GoVerifyJob[]): GoVerifyResult[] =>
  run<GoVerifyJob, GoVerifyResult>(binary, 'verify', jobs);

export const goMtls = (binary: string, jobs: GoMtlsJob[]): GoMtlsResult[] =>
  run<GoMtlsJob, GoMtlsResult>(binary, 'mtls', jobs);
