import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './run';
import { inProcessCli, TEST_CLI_KDF, type InProcessCli } from './testing/in-process';

let cli: InProcessCli;
let out: string;
let newPassFile: string;
beforeAll(async () => {
  cli = inProcessCli('certdesk-recovery-cli-');
  out = path.join(cli.dir, 'usb', 'ceremony');
  newPassFile = path.join(cli.dir, 'new-pass.txt');
  writeFileSync(newPassFile, 'recovered passphrase 2026\n');
  await cli.ok(['init']);
  await cli.ok(['ca', 'create', '--name', 'CLI Recovery Root']);
});
afterAll(() => cli.cleanup());

const sheet = (i: number, n: number, ext = 'txt'): string => path.join(out, `share-${i}-of-${n}.${ext}`);

/** `certdesk …` with standard input fed from `input` (typed shares). */
async function withStdin(
  args: string[],
  input: string,
): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(
    args,
    {
      env: {
        CERTDESK_VAULT: path.join(cli.dir, 'vault.certdesk'),
        CERTDESK_STATE_DIR: path.join(cli.dir, 'state'),
      },
      stdin: Readable.from([input]) as unknown as NodeJS.ReadStream,
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: (s: string) => (stderr += s) } as unknown as NodeJS.WriteStream,
      now: () => new Date(),
    },
    '0.0.0-test',
    { kdf: TEST_CLI_KDF },
  );
  return { code, stdout, stderr };
}

describe('certdesk recovery', () => {
  it('creates 0600 sheets with a removable-media warning, reports status, drills, restores, rotates and removes', async () => {
    const created = await cli.run(['recovery', 'create', '--shares', '3', '--threshold', '2', '--out', out]);
    expect(created.code).toBe(0);
    expect(created.stderr).toMatch(
      /removable media.*deleting a file from flash storage .*does not erase it/s,
    );
    expect(readdirSync(out).sort()).toEqual([
      'share-1-of-3.html',
      'share-1-of-3.txt',
      'share-2-of-3.html',
      'share-2-of-3.txt',
      'share-3-of-3.html',
      'share-3-of-3.txt',
    ]);
    for (const f of readdirSync(out)) expect(statSync(path.join(out, f)).mode & 0o777).toBe(0o600);
    expect(readFileSync(sheet(1, 3), 'utf8')).toMatch(/Share: +1 of 3 \(any 2 open the vault\)/);
    expect(readFileSync(sheet(1, 3, 'html'), 'utf8')).toMatch(/Custodian/);

    const status = JSON.parse(await cli.ok(['recovery', 'status', '--json'], { CERTDESK_PASSPHRASE: '' }));
    expect(status).toMatchObject({ threshold: 2, shares: 3 });
    expect(status.fingerprints).toHaveLength(3);
    expect(readFileSync(sheet(2, 3), 'utf8')).toContain(status.fingerprints[1]);

    const drill = await cli.run([
      'recovery',
      'drill',
      '--share',
      sheet(1, 3),
      '--share',
      sheet(3, 3, 'html'),
    ]);
    expect(drill.stdout).toMatch(/ok: shares 1, 3 rebuild the recovery key/);
    const few = await cli.run(['recovery', 'drill', '--share', sheet(2, 3)]);
    expect(few.code).toBe(5);
    expect(few.stderr).toMatch(/2 of the 3 shares are needed; got 1 \(share 2\): 1 more/);

    // typed: share 2 with one character changed, so its group is named and nothing happens
    const groups = readFileSync(sheet(2, 3), 'utf8')
      .match(/^([0-9A-Z]{5} ?)+$/gm)!
      .join(' ')
      .split(' ');
    const wrong = groups.map((g, i) => (i === 9 ? `${g[0] === 'A' ? 'B' : 'A'}${g.slice(1)}` : g)).join(' ');
    const typo = await withStdin(
      ['recovery', 'restore', '--share', sheet(1, 3), '--share', '-', '--new-passphrase-file', newPassFile],
      `${wrong}\n`,
    );
    expect(typo.code).toBe(5);
    expect(typo.stderr).toMatch(/typed share 1 is corrupted: group 10 fails its check/);
    await cli.ok(['list']);

    const typed = await withStdin(
      ['recovery', 'restore', '--share', sheet(1, 3), '--share', '-', '--new-passphrase-file', newPassFile],
      `${groups.slice(0, 12).join(' ')}\n${groups.slice(12).join('-')}\n\n`,
    );
    expect(typed.stderr).toBe('');
    expect(typed.code).toBe(0);
    expect((await cli.run(['list'])).code).toBe(3); // the old passphrase no longer opens it
    const recovered = { CERTDESK_PASSPHRASE: 'recovered passphrase 2026' };
    expect(await cli.ok(['ca', 'list'], recovered)).toContain('CLI Recovery Root');

    const rotatedOut = path.join(cli.dir, 'usb', 'rotated');
    await cli.ok(['recovery', 'rotate', '--out', rotatedOut, '--json'], recovered);
    const stale = await cli.run(['recovery', 'drill', '--share', sheet(1, 3), '--share', sheet(2, 3)]);
    expect(stale.code).toBe(5);
    expect(stale.stderr).toMatch(/share-1-of-3\.txt \(share 1 of 3\) is from another recovery ceremony/);
    const audit = await cli.ok(['audit', 'verify', '--json'], recovered);
    expect(JSON.parse(audit).ok).toBe(true);
    await cli.ok(['recovery', 'remove'], recovered);
    expect((await cli.run(['recovery', 'status'])).code).toBe(1);
  });

  it('refuses bad counts before touching the vault', async () => {
    const r = await cli.run(['recovery', 'create', '--shares', '17', '--threshold', '2', '--out', out]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--shares takes a whole number from 2 to 16/);
  });
});
