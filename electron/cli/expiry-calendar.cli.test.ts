import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inProcessCli, type InProcessCli } from './testing/in-process';

let cli: InProcessCli;

/** Debian's python3 with python3-icalendar (not a pyenv shim) as the independent reader: UID, start and alarm per event. */
function readIcs(file: string): { uid: string; start: string; summary: string; alarms: number }[] {
  const script = `import sys, json, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
print(json.dumps([{'uid': str(e['UID']), 'start': e.decoded('DTSTART').isoformat(), 'summary': str(e['SUMMARY']),
  'alarms': len([a for a in e.walk('VALARM')])} for e in cal.walk('VEVENT')]))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' })) as {
    uid: string;
    start: string;
    summary: string;
    alarms: number;
  }[];
}

beforeAll(async () => {
  cli = inProcessCli('certdesk-ics-cli-');
  await cli.ok(['init']);
  await cli.ok(['ca', 'create', '--name', 'cal-ca']);
  await cli.ok(['issue', 'client', '--ca', 'cal-ca', '--cn', 'soon', '--days', '40']);
  await cli.ok(['issue', 'client', '--ca', 'cal-ca', '--cn', 'later', '--days', '300']);
});
afterAll(() => cli.cleanup());

describe('certdesk expiring --ics', () => {
  it('writes one event per expiring certificate at notAfter minus the lead time, with a reminder and stable UIDs', async () => {
    const first = path.join(cli.dir, 'a.ics');
    const second = path.join(cli.dir, 'b.ics');
    const r = await cli.run(['expiring', '--within', '90d', '--ics', first]);
    expect(r.code).toBe(1); // there is something expiring
    await cli.run(['expiring', '--within', '90d', '--ics', second]);
    const a = readIcs(first);
    const b = readIcs(second);
    expect(a).toHaveLength(1);
    expect(a[0]).toMatchObject({ summary: 'Renew soon', alarms: 1 });
    const start = Date.parse(a[0]?.start ?? '');
    const expected = cli.clock.now.getTime() + 10 * 86_400_000;
    expect(Math.abs(start - expected)).toBeLessThan(2 * 3_600_000);
    expect(b.map((e) => e.uid)).toEqual(a.map((e) => e.uid));
    const again = await cli.run(['expiring', '--within', '90d', '--ics', first]);
    expect(again.code).toBe(6);
  });
});
