import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { selfSignedP256Args } from '../electron/core/pki/testing/openssl';
import { launchApp, type LaunchedApp } from './harness';
import { AppPage } from './pages/app-page';
import { seriousViolations } from './pages/axe';
import { createRootCa, issueLeaf, type PageGlobal } from './pages/bridge-setup';
import { DashboardPage } from './pages/dashboard-page';
import { InspectorPage, InventoryPage } from './pages/inventory-page';
import { saveScreenshot } from './screenshots';

const PASS = 'correct horse battery staple';

let app: LaunchedApp;
let page: Page;
let ui: AppPage;
let dir: string;
/** what main's open and save dialogs answer next, in order */
const chosen: string[] = [];

/** A self-signed leaf certificate made by openssl outside CertDesk (a vendor appliance's). */
function vendorCert(cn: string, days: number, out: string, der = false): void {
  const args = selfSignedP256Args({ cn, key: `${out}.key`, cert: out, days });
  args.push('-addext', 'basicConstraints=critical,CA:FALSE', ...(der ? ['-outform', 'DER'] : []));
  execFileSync('openssl', args, { cwd: dir, stdio: 'ignore' });
}

/** Debian's python3-icalendar as the independent reader of the saved file. */
function readIcs(file: string): { uid: string; summary: string; alarms: number }[] {
  const script = `import sys, json, icalendar
cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
print(json.dumps([{'uid': str(e['UID']), 'summary': str(e['SUMMARY']), 'alarms': len(list(e.walk('VALARM')))} for e in cal.walk('VEVENT')]))`;
  return JSON.parse(execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' })) as {
    uid: string;
    summary: string;
    alarms: number;
  }[];
}

test.beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'certdesk-track-e2e-'));
  vendorCert('gateway.vendor.example', 20, 'gateway.pem');
  vendorCert('printer.vendor.example', 200, 'printer.der', true);
  writeFileSync(path.join(dir, 'notes.txt'), 'not a certificate\n');
  app = await launchApp({ dialogs: { chooseFile: () => chosen.shift() ?? null } });
  page = app.page;
  ui = new AppPage(page);
  await ui.createVault(PASS);
  await ui.expectUnlocked();
  const ca = await createRootCa(page, 'Tracking Root CA');
  await issueLeaf(page, { caId: ca.id, cn: 'internal-api', days: 200 });
});
test.afterAll(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

test("Track certificates… adds files chosen in main's dialog or dropped on the window, once each", async () => {
  const inv = new InventoryPage(page);
  await ui.go('Certificates');
  await inv.trackButton().click();
  const dialog = inv.trackDialog();
  await expect(dialog).toBeVisible();

  chosen.push(path.join(dir, 'gateway.pem'));
  await dialog.getByRole('button', { name: 'Choose file…', exact: true }).click();
  const results = dialog.getByRole('list', { name: 'Tracking results' });
  await expect(results).toContainText(/Tracked gateway\.vendor\.example — issuer unknown/);

  chosen.push(path.join(dir, 'gateway.pem'));
  await dialog.getByRole('button', { name: 'Choose file…', exact: true }).click();
  await expect(results).toContainText('Already tracked: gateway.vendor.example');

  chosen.push(path.join(dir, 'notes.txt'));
  await dialog.getByRole('button', { name: 'Choose file…', exact: true }).click();
  await expect(dialog.getByRole('alert')).toContainText('notes.txt: no PEM block found');

  // A DER file dropped on the window while the dialog is open is tracked, not inspected.
  const transfer = await page.evaluateHandle(
    (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const dt = new DataTransfer();
      dt.items.add(new File([bytes], 'printer.der', { type: 'application/pkix-cert' }));
      return dt;
    },
    readFileSync(path.join(dir, 'printer.der')).toString('base64'),
  );
  await page.dispatchEvent('main', 'dragenter', { dataTransfer: transfer });
  await page.dispatchEvent('main', 'drop', { dataTransfer: transfer });
  await expect(results).toContainText('Tracked printer.vendor.example');
  await expect(ui.navButton('Certificates')).toHaveAttribute('aria-current', 'page');

  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(page, `track-dialog-${scheme}`);
    expect(await seriousViolations(page, scheme)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await dialog.getByRole('button', { name: 'Close', exact: true }).click();

  await expect(inv.rows()).toHaveCount(4);
  await expect(inv.row('gateway.vendor.example')).toContainText('Tracked');
  await expect(inv.row('printer.vendor.example')).toContainText('Tracked');
  await expect(inv.row('internal-api')).not.toContainText('Tracked');
  await inv.profile().selectOption({ label: 'Tracked (issued elsewhere)' });
  await expect(inv.rows()).toHaveCount(2);
  await inv.profile().selectOption({ label: 'All profiles' });
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(page, `inventory-tracked-${scheme}`);
  }
  await page.emulateMedia({ colorScheme: 'light' });
});

test('the dashboard lists a tracked certificate as expiring (no Renew) and exports a calendar that parses', async () => {
  const dash = new DashboardPage(page);
  await ui.go('Dashboard');
  const row = dash.expiringRow('gateway.vendor.example');
  await expect(row).toContainText('Tracked');
  await expect(dash.renewButton('gateway.vendor.example')).toHaveCount(0);

  const first = path.join(dir, 'renewals.ics');
  const second = path.join(dir, 'renewals-again.ics');
  await dash.calendarLeadDays().fill('10');
  chosen.push(first);
  await dash.exportCalendar().click();
  await expect(ui.toast(`Saved 4 renewal reminder(s) to ${first}`)).toBeVisible();
  // the export changed no certificate, yet the activity list on screen shows it (main's audit:appended)
  await expect(dash.recentActivity()).toContainText('export.calendar');
  const events = readIcs(first);
  expect(events.map((e) => e.summary).sort()).toEqual([
    'Renew CA Tracking Root CA',
    'Renew gateway.vendor.example',
    'Renew internal-api',
    'Renew printer.vendor.example',
  ]);
  expect(events.every((e) => e.alarms === 1)).toBe(true);
  chosen.push(second);
  await dash.exportCalendar().click();
  await expect(ui.toast(`Saved 4 renewal reminder(s) to ${second}`)).toBeVisible();
  expect(
    readIcs(second)
      .map((e) => e.uid)
      .sort(),
  ).toEqual(events.map((e) => e.uid).sort());

  await dash.calendarLeadDays().fill('-3');
  await expect(dash.exportCalendar()).toBeDisabled();
  await dash.calendarLeadDays().fill('30');
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await saveScreenshot(page, `dashboard-tracked-calendar-${scheme}`);
    expect(await seriousViolations(page, scheme)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
});

test('Stop tracking removes a tracked certificate (audited); a vault certificate offers no such action', async () => {
  const inv = new InventoryPage(page);
  const insp = new InspectorPage(page);
  await ui.go('Certificates');
  await inv.row('gateway.vendor.example').getByRole('button', { name: 'gateway.vendor.example' }).click();
  await expect(page.getByText(/Tracked certificate \(issued elsewhere\)/)).toBeVisible();
  await expect(insp.action('Renew')).toHaveCount(0);
  await expect(insp.action('Revoke…')).toHaveCount(0);
  await insp.action('Stop tracking').click();
  await expect(ui.toast('No longer tracking gateway.vendor.example')).toBeVisible();
  await expect(inv.rows()).toHaveCount(3);
  await inv.row('internal-api').getByRole('button', { name: 'internal-api' }).click();
  await expect(insp.action('Renew')).toBeVisible();
  await expect(insp.action('Stop tracking')).toHaveCount(0);
  const audit = await page.evaluate(async () => {
    const api = (globalThis as unknown as PageGlobal).certdesk;
    const ops = ['certs.track', 'certs.untrack', 'export.calendar'];
    const out: string[] = [];
    for (const operation of ops) {
      const r = await api.audit.list({ operation });
      if (r.ok) for (const e of r.value) out.push(`${e.operation} ${e.outcome} ${e.subject ?? ''}`.trim());
    }
    return out;
  });
  expect(audit).toEqual([
    'certs.track ok CN=gateway.vendor.example',
    'certs.track failed', // notes.txt
    'certs.track ok CN=printer.vendor.example',
    'certs.untrack ok CN=gateway.vendor.example',
    'export.calendar ok',
    'export.calendar ok',
  ]);
});
