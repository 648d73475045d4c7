import { existsSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliRun } from './testing/in-process';
import { spawnedCli, type SpawnedCli } from './testing/spawned';
import type { BatchResult } from '../../shared/domain/types';

let cli: SpawnedCli;
let dir: string;
const certdesk = (args: string[], withEnv?: NodeJS.ProcessEnv): CliRun => cli.run(args, withEnv);

beforeAll(() => {
  cli = spawnedCli('certdesk-batch-cli-');
  dir = cli.dir;
  expect(certdesk(['init']).code).toBe(0);
  expect(certdesk(['ca', 'create', '--name', 'batch-ca']).code).toBe(0);
});
afterAll(() => cli.cleanup());

describe('certdesk issue --batch', () => {
  it('issues every valid row, prints the BatchResult with --json, and exits non-zero because one row failed', () => {
    const file = path.join(dir, 'services.csv');
    writeFileSync(
      file,
      [
        'name,profile,sans,key,days',
        ...Array.from(
          { length: 40 },
          (_, i) => `svc-${i},service,"DNS:svc-${i},DNS:svc-${i}.internal",ec-p256,90`,
        ),
        'broken,server,,ec-p256,90',
      ].join('\n'),
    );
    const r = certdesk(['issue', '--batch', file, '--ca', 'batch-ca', '--json']);
    expect(r.code, r.stderr).not.toBe(0);
    const result = JSON.parse(r.stdout) as BatchResult;
    expect(result).toMatchObject({ issued: 40, failed: 1, cancelled: false });
    expect(result.rows.at(-1)).toMatchObject({ name: 'broken', status: 'invalid' });
    expect(result.rows.at(-1)?.errors.join(' ')).toContain('needs at least one SAN');

    const out = path.join(dir, 'out');
    const ids = result.rows.flatMap((x) => (x.id ? [x.id] : []));
    const keyPass = path.join(dir, 'key-pass');
    writeFileSync(keyPass, 'export passphrase 123\n');
    const exp = certdesk(['export', ...ids.slice(0, 5), '--out', out, '--key-passphrase-file', keyPass]);
    expect(exp.code, exp.stderr).toBe(0);
    expect(existsSync(path.join(out, 'svc-0', 'server.crt'))).toBe(true);
  });

  it('exits 0 when every row is issued', () => {
    const file = path.join(dir, 'clients.json');
    writeFileSync(
      file,
      JSON.stringify([{ name: 'alice', profile: 'client', sans: [], key: 'ec-p256', days: 30 }]),
    );
    const r = certdesk(['issue', '--batch', file, '--ca', 'batch-ca']);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Issued 1 of 1');
  });
});
