/** The process streams and environment a command uses: passed in so tests can drive commands in-process. */
export interface CliIo {
  env: NodeJS.ProcessEnv;
  stdin: NodeJS.ReadStream;
  stdout: { write(s: string): unknown };
  stderr: NodeJS.WriteStream;
  now: () => Date;
}

export function println(out: { write(s: string): unknown }, line = ''): void {
  out.write(`${line}\n`);
}

export function printJson(out: { write(s: string): unknown }, value: unknown): void {
  out.write(`${JSON.stringify(value, null, 2)}\n`);
}

/** Left-aligned columns for terminal tables. */
export function table(rows: string[][]): string {
  const widths: number[] = [];
  for (const r of rows) r.forEach((c, i) => (widths[i] = Math.max(widths[i] ?? 0, c.length)));
  return rows
    .map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(widths[i] ?? 0))).join('  '))
    .join('\n');
}
