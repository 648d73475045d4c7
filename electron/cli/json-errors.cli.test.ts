import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessCli, type InProcessCli } from './testing/in-process';

let cli: InProcessCli;

beforeAll(() => {
  cli = inProcessCli('certdesk-json-errors-');
});
afterAll(() => cli.cleanup());

function jsonError(stderr: string): { code: string; message: string } {
  const parsed = JSON.parse(stderr) as { error: { code: string; message: string } };
  expect(Object.keys(parsed)).toEqual(['error']);
  return parsed.error;
}

describe('with --json, errors are JSON on stderr with the same exit statuses', () => {
  it('reports a missing vault, a wrong passphrase, a usage error and an unknown id as {"error":{code,message}}', async () => {
    const missing = await cli.run(['list', '--json']);
    expect(missing.code).toBe(3);
    expect(jsonError(missing.stderr)).toMatchObject({
      code: 'NO_VAULT',
      message: expect.stringMatching(/No vault at/),
    });
    expect(missing.stdout).toBe('');

    await cli.ok(['init']);
    const wrong = await cli.run(['list', '--json'], { CERTDESK_PASSPHRASE: 'not the passphrase at all' });
    expect(wrong.code).toBe(3);
    expect(jsonError(wrong.stderr).code).toBe('WRONG_PASSPHRASE');

    const usage = await cli.run(['issue', 'server', '--json', '--bogus']);
    expect(usage.code).toBe(2);
    expect(jsonError(usage.stderr)).toMatchObject({
      code: 'INVALID_INPUT',
      message: expect.stringMatching(/bogus/),
    });

    const unknown = await cli.run(['show', 'no-such-cert', '--json']);
    expect(unknown.code).toBe(4);
    expect(jsonError(unknown.stderr).code).toBe('NOT_FOUND');

    const refused = await cli.run(['ca', 'create', '--name', 'x', '--permit-ip', 'not-a-cidr', '--json']);
    expect(refused.code).toBe(2);
    expect(jsonError(refused.stderr).message).toMatch(/not-a-cidr/);
  });

  it('keeps the plain-text form without --json', async () => {
    const r = await cli.run(['show', 'no-such-cert']);
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^certdesk show: No certificate matches "no-such-cert"/);
  });
});
