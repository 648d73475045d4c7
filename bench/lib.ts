/** Shared helpers for the benchmark scripts: timing, machine facts, and the report table. */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, freemem, loadavg, availableParallelism, totalmem, tmpdir } from 'node:os';
import path from 'node:path';

/** One printed figure: its value, and the ceiling/peer measured in the same run it is compared with. */
export interface BenchRow {
  metric: string;
  value: string;
  /** what it is compared with, e.g. "openssl loop 33.1 ms/cert" */
  versus: string;
  /** e.g. "21.4× faster", "31 % of ceiling" */
  ratio: string;
  /** the target from issue #8 and whether it was met, e.g. "≥ 20× ✓" */
  target: string;
}

export interface BenchSection {
  title: string;
  rows: BenchRow[];
  /** free-form lines printed under the table (method, caveats) */
  notes: string[];
  /** output of another script, kept verbatim in a code block */
  raw?: string;
}

export const ms = (n: number): string =>
  n >= 100 ? n.toFixed(0) : n >= 10 ? n.toFixed(1) : n >= 1 ? n.toFixed(2) : n.toFixed(3);

export async function timeIt<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, i)] ?? NaN;
}

export function scratchDir(prefix: string): { dir: string; remove(): void } {
  const dir = mkdtempSync(path.join(tmpdir(), `certdesk-bench-${prefix}-`));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export function machine(): Record<string, string> {
  let cpu = cpus()[0]?.model ?? 'unknown';
  try {
    const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
    if (m?.[1]) cpu = m[1].trim();
  } catch {
    /* not Linux */
  }
  let openssl = 'not found';
  try {
    openssl = execFileSync('openssl', ['version'], { encoding: 'utf8' }).trim();
  } catch {
    /* absent */
  }
  return {
    nproc: String(availableParallelism()),
    cpu,
    memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB (${(freemem() / 2 ** 30).toFixed(1)} GiB free at start)`,
    node: process.version,
    openssl,
    'load average at start': loadavg()
      .map((l) => l.toFixed(2))
      .join(' '),
    platform: `${process.platform} ${process.arch}`,
  };
}

export function renderTable(rows: BenchRow[]): string {
  const head = ['metric', 'value', 'versus (same run)', 'ratio', 'target'];
  const cells = [head, ...rows.map((r) => [r.metric, r.value, r.versus, r.ratio, r.target])];
  const widths = head.map((_, i) => Math.max(...cells.map((c) => (c[i] ?? '').length)));
  const line = (c: string[]): string => `| ${c.map((x, i) => x.padEnd(widths[i] ?? 0)).join(' | ')} |`;
  return [
    line(head),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.slice(1).map(line),
  ].join('\n');
}

export function renderSection(s: BenchSection): string {
  const raw = s.raw ? ['```', s.raw, '```', ''] : [];
  const table = s.rows.length ? [renderTable(s.rows), ''] : s.raw ? [] : ['_no figures_', ''];
  return [`## ${s.title}`, '', ...table, ...raw, ...s.notes.map((n) => `- ${n}`), ''].join('\n');
}

export const check = (ok: boolean): string => (ok ? '✓' : '✗');
