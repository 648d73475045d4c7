import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { seededFixture, type Fixture } from './testing/service-fixture';

let fx: Fixture | undefined;
afterEach(async () => {
  await fx?.cleanup();
  fx = undefined;
});

/** Debian's python3-icalendar as the independent reader. */
function readIcs(file: string): { uid: string; summary: string }[] {
  const script = `import sys, json, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
print(json.dumps([{'uid': str(e['UID']), 'summary': str(e['SUMMARY'])} for e in cal.walk('VEVENT')]))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' })) as {
    uid: string;
    summary: string;
  }[];
}

describe('export:calendar', () => {
  it('writes a renewal event for every certificate not revoked or renewed, audited; refuses to replace a file', async () => {
    const seeded = await seededFixture();
    fx = seeded;
    await seeded.call('certs:revoke', { id: seeded.clientId, reason: 'superseded' });
    const file = path.join(seeded.dir, 'renewals.ics');
    const r = await seeded.call('export:calendar', {
      fileGrant: seeded.grant(file, 'write-file'),
      leadDays: 14,
    });
    expect(r).toMatchObject({ path: file, events: 2 });
    expect(
      readIcs(file)
        .map((e) => e.summary)
        .sort(),
    ).toEqual(['Renew CA mygrpc-ca', 'Renew user-service']);
    const audit = await seeded.call('audit:list', { operation: 'export.calendar' });
    expect(audit).toEqual([
      expect.objectContaining({ outcome: 'ok', detail: `2 renewal event(s), 14 days ahead, to ${file}` }),
    ]);
    const again = await seeded.fail('export:calendar', { fileGrant: seeded.grant(file, 'write-file') });
    expect(again.code).toBe('EXPORT_TARGET_EXISTS');
    expect(readFileSync(file, 'utf8')).toMatch(/Renew user-service/);
  });
});

describe('certs:track from a dropped file', () => {
  it('tracks a DER certificate armoured as the window drop sends it, and says so when dropped again', async () => {
    const seeded = await seededFixture();
    fx = seeded;
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'ec',
        '-pkeyopt',
        'ec_paramgen_curve:P-256',
        '-nodes',
        '-keyout',
        'k.pem',
        '-outform',
        'DER',
        '-out',
        'box.der',
        '-days',
        '30',
        '-subj',
        '/CN=appliance.example',
      ],
      { cwd: seeded.dir, stdio: 'ignore' },
    );
    const b64 = readFileSync(path.join(seeded.dir, 'box.der')).toString('base64');
    const dropped = `-----BEGIN DER FILE-----\n${b64.match(/.{1,64}/g)?.join('\n') ?? ''}\n-----END DER FILE-----\n`;
    const first = await seeded.call('certs:track', { certPem: dropped });
    expect(first.added).toEqual([
      expect.objectContaining({ cn: 'appliance.example', tracked: true, hasKey: false }),
    ]);
    expect(first.added[0]?.trackedChain?.verdict).toBe('issuer-unknown');
    const second = await seeded.call('certs:track', { certPem: dropped });
    expect(second).toEqual({ added: [], duplicates: [expect.objectContaining({ cn: 'appliance.example' })] });
    const both = await seeded.fail('certs:track', {});
    expect(both.code).toBe('INVALID_INPUT');
  });
});
