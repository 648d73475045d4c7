import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * Bundles the writer child once per test file so each spawn is a plain `node` start (tens of ms rather than a
 * TypeScript loader start): 50+ kills stay quick.
 */
export async function bundleWriterChild(outDir: string): Promise<string> {
  const outfile = join(outDir, 'writer-child.mjs');
  await build({
    entryPoints: [join(import.meta.dirname, 'writer-child.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    logLevel: 'silent',
  });
  return outfile;
}

export interface Writer {
  child: ChildProcess;
  /** highest record index acknowledged as durable so far (-1 before any) */
  lastAck(): number;
  acks(): number;
  waitFor(pred: () => boolean, timeoutMs?: number): Promise<void>;
  kill(signal?: NodeJS.Signals): Promise<void>;
}

export function startWriter(
  script: string,
  vaultPath: string,
  passphrase: string,
  compactEvery: number,
): Writer {
  const child = spawn(process.execPath, [script, vaultPath, passphrase, String(compactEvery)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let last = -1;
  let acks = 0;
  let ready = false;
  let buffered = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    buffered += chunk;
    let nl: number;
    while ((nl = buffered.indexOf('\n')) >= 0) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      if (line.startsWith('ready')) ready = true;
      if (line.startsWith('ack ')) {
        last = Number(line.slice(4));
        acks++;
      }
    }
  });
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  let alive = true;
  void exited.then(() => (alive = false));
  return {
    child,
    lastAck: () => last,
    acks: () => acks,
    async waitFor(pred, timeoutMs = 20_000) {
      const until = Date.now() + timeoutMs;
      while (!pred()) {
        if (!alive) throw new Error(`writer child exited early: ${stderr}`);
        if (Date.now() > until)
          throw new Error(`writer child timed out (ready=${ready}, acks=${acks}): ${stderr}`);
        await new Promise((r) => setTimeout(r, 2));
      }
    },
    async kill(signal = 'SIGKILL') {
      if (alive) child.kill(signal);
      await exited; // reaped: its PID is no longer alive, so its lock is stale
    },
    get ready() {
      return ready;
    },
  } as Writer & { ready: boolean };
}

export function isReady(w: Writer): boolean {
  return (w as Writer & { ready: boolean }).ready;
}
