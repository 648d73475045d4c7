import { expect, test, type Locator, type Page } from '@playwright/test';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { launchApp } from './harness';
import { AppPage, MAIN_SCREENS } from './pages/app-page';
import { BatchScreen } from './pages/batch-page';
import { createRootCa, issueLeaf, saveCrl } from './pages/bridge-setup';
import { textsOnSeveralLines, wordsCutByLineBreaks } from './pages/line-breaks';
import { saveScreenshot } from './screenshots';
import type { CertSummary } from '../shared/domain/types';

const PASS = 'correct horse battery staple';
/** Electron's minimum window for CertDesk, and a common laptop window. */
const SIZES = [
  { width: 900, height: 600 },
  { width: 1280, height: 800 },
] as const;

/** A new vault, unlocked, with one root CA named `cn` (made through the bridge the UI uses). */
async function vaultWithRootCa(page: Page, cn: string): Promise<{ ui: AppPage; ca: CertSummary }> {
  const ui = new AppPage(page);
  await ui.createVault(PASS);
  await ui.expectUnlocked();
  return { ui, ca: await createRootCa(page, cn) };
}

/**
 * How far the content area scrolls sideways, or a table sticks out of its panel or scrolls inside it
 * (0: everything fits).
 */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page
    .locator('main')
    .first()
    .evaluate((main) => {
      let worst = main.scrollWidth - main.clientWidth;
      for (const table of main.querySelectorAll('table, [role="table"]')) {
        const parent = table.parentElement;
        if (!parent) continue;
        worst = Math.max(
          worst,
          table.getBoundingClientRect().right - parent.getBoundingClientRect().right,
          parent.scrollWidth - parent.clientWidth,
        );
      }
      return Math.round(worst);
    });
}

/** Two hex digits standing alone: one byte of "74:12:B7". */
const HEX_BYTE = /(?<![0-9A-Fa-f])[0-9A-Fa-f]{2}(?![0-9A-Fa-f])/;
/** One label of a host name or DN value. */
const LABEL = /[A-Za-z0-9]+/;

/** Lines of the PEM block that the screen wraps onto a second line (none: every 64-character line shows whole). */
async function wrappedPemLines(pem: Locator): Promise<number> {
  return pem.evaluate((pre) => {
    const text = pre.firstChild;
    if (!(text instanceof Text)) return -1;
    const range = document.createRange();
    const top = (at: number): number => {
      range.setStart(text, at);
      range.setEnd(text, at + 1);
      return range.getBoundingClientRect().top;
    };
    let wrapped = 0;
    let start = 0;
    for (const line of text.data.split('\n')) {
      if (line.length > 1 && Math.abs(top(start) - top(start + line.length - 1)) > 2) wrapped++;
      start += line.length + 1;
    }
    return wrapped;
  });
}

test('every main screen fits 900×600 and 1280×800 without scrolling sideways, light and dark, with a screenshot of each', async () => {
  test.setTimeout(300_000);
  const app = await launchApp();
  try {
    const { page } = app;
    const { ui, ca } = await vaultWithRootCa(page, 'Layout Root CA');
    await issueLeaf(page, {
      caId: ca.id,
      cn: 'user-service',
      days: 20,
      sans: [
        { type: 'dns', value: 'user-service.internal.example.com' },
        { type: 'ip', value: '10.0.0.7' },
      ],
    });
    await issueLeaf(page, { caId: ca.id, cn: 'billing-service', days: 200, profile: 'client' });
    // A long host name as the subject: the audit log's Subject column must wrap it to fit 900 px.
    await issueLeaf(page, { caId: ca.id, cn: 'gateway.prod.internal.example.com', days: 90 });
    const overflowing: string[] = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      for (const screen of MAIN_SCREENS) {
        await ui.go(screen);
        await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
        const extra = await sidewaysOverflow(page);
        if (extra > 1) overflowing.push(`${screen} at ${size.width}×${size.height}: ${extra}px`);
        if (screen === 'Authorities') {
          const name = page
            .getByRole('table', { name: 'Certificate authorities' })
            .getByRole('button', { name: 'Layout Root CA' });
          await expect(name).toHaveCSS('text-align', 'left');
        }
        if (screen === 'Audit log') {
          // Subjects wrap between the labels of a host name, never inside one.
          const subjects = page
            .getByRole('table', { name: 'Audit entries' })
            .getByRole('cell', { name: /CN=/ });
          const cut = await wordsCutByLineBreaks(subjects, LABEL);
          if (cut.length > 0)
            overflowing.push(`Audit subjects at ${size.width}×${size.height}: ${cut.join(', ')}`);
        }
        for (const scheme of ['light', 'dark'] as const) {
          await page.emulateMedia({ colorScheme: scheme });
          await saveScreenshot(page, `layout-${size.width}x${size.height}-${screen}-${scheme}`, {
            dismissToasts: true,
          });
        }
      }
      await ui.go('Certificates');
      await page.getByRole('button', { name: 'user-service', exact: true }).click();
      await expect(page.getByRole('heading', { level: 2, name: /user-service/ })).toBeVisible();
      const extra = await sidewaysOverflow(page);
      if (extra > 1) overflowing.push(`Certificate details at ${size.width}×${size.height}: ${extra}px`);
      const cut = await wordsCutByLineBreaks(page.getByRole('region', { name: /^Extensions/ }), HEX_BYTE);
      if (cut.length > 0)
        overflowing.push(`Extensions at ${size.width}×${size.height} cut bytes: ${cut.join(', ')}`);
      const wrapped = await wrappedPemLines(page.getByLabel('Certificate PEM', { exact: true }));
      if (wrapped !== 0) overflowing.push(`PEM at ${size.width}×${size.height}: ${wrapped} lines wrapped`);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await saveScreenshot(page, `layout-${size.width}x${size.height}-Certificate details-${scheme}`);
      }
    }
    expect(overflowing).toEqual([]);
  } finally {
    await app.close();
  }
});

test('the audit log wraps a long file path and a file digest in Detail after / - . and between bytes, never inside a word, at 900×600 and 1280×800', async () => {
  const scratch = mkdtempSync(path.join(tmpdir(), 'certdesk-layout-'));
  const target = path.join(
    scratch,
    'exports',
    'api-gateway.prod.eu-west-1.internal.example.com',
    'revocation-lists',
    'layout-root-ca.crl.pem',
  );
  mkdirSync(path.dirname(target), { recursive: true });
  const app = await launchApp({ dialogs: { chooseFile: () => target } });
  try {
    const { page } = app;
    const { ui, ca } = await vaultWithRootCa(page, 'Layout Root CA');
    expect(await saveCrl(page, ca.id)).toBe(target);
    const problems: string[] = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      await ui.go('Audit log');
      // "CRL #1 as PEM (file SHA-256 <64 hex digits>) to <the path>", whole in the cell
      const detail = page
        .getByRole('table', { name: 'Audit entries' })
        .getByRole('cell', { name: /file SHA-256 [0-9a-f]{64}\) to .*layout-root-ca\.crl\.pem$/ });
      await expect(detail).toHaveText(new RegExp(`to ${target.replace(/[.]/g, '\\.')}$`));
      const extra = await sidewaysOverflow(page);
      if (extra > 1) problems.push(`Audit log at ${size.width}×${size.height}: ${extra}px sideways`);
      const cut = await wordsCutByLineBreaks(detail, LABEL);
      if (cut.length > 0) problems.push(`Detail at ${size.width}×${size.height} cut ${cut.join(', ')}`);
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await saveScreenshot(page, `layout-${size.width}x${size.height}-audit-detail-path-${scheme}`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
    expect(problems).toEqual([]);
  } finally {
    await app.close();
    rmSync(scratch, { recursive: true, force: true });
  }
});

test('at 900×600 the Certificates table keeps Not after and Days left, folds Profile and Issuer and ends a long CN in an ellipsis', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    const { ui, ca } = await vaultWithRootCa(page, 'Fold Root CA');
    await issueLeaf(page, {
      caId: ca.id,
      cn: 'user-service',
      days: 20,
      sans: [{ type: 'ip', value: '10.0.0.7' }],
    });
    const longCn = 'api-gateway.prod.eu-west-1.internal.example.com';
    await issueLeaf(page, { caId: ca.id, cn: longCn, days: 90 });
    await ui.go('Certificates');
    const table = page.getByRole('table', { name: 'Certificates' });
    const header = (name: string) => table.getByRole('columnheader', { name: new RegExp(`^${name}`) });
    await expect(header('SANs')).toBeVisible();
    // A wide window shows every column, the SAN with its type.
    await page.setViewportSize({ width: 1400, height: 800 });
    for (const name of ['Status', 'Common name', 'SANs', 'Issuer', 'Profile', 'Not after', 'Days left'])
      await expect(header(name)).toBeVisible();
    const row = table.getByRole('row').filter({ hasText: 'user-service' });
    await expect(row.getByRole('cell').filter({ hasText: 'IP:10.0.0.7' })).toBeVisible();

    await page.setViewportSize({ width: 900, height: 600 });
    for (const name of ['Status', 'Common name', 'Not after', 'Days left']) {
      await expect(header(name)).toBeVisible();
      await expect(header(name)).toBeInViewport({ ratio: 1 });
    }
    for (const name of ['Profile', 'Issuer']) await expect(header(name)).toBeHidden();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(1);
    // A CN longer than its column ends in an ellipsis inside the cell (not cut at the edge), whole on hover.
    const longName = table.getByRole('button', { name: longCn, exact: true });
    await expect(longName).toHaveAttribute('title', longCn);
    const cnCell = table
      .getByRole('row')
      .filter({ has: page.getByRole('button', { name: longCn, exact: true }) })
      .getByRole('cell')
      .nth(1);
    const [nameBox, cellBox] = [await longName.boundingBox(), await cnCell.boundingBox()];
    expect(nameBox!.x + nameBox!.width).toBeLessThanOrEqual(cellBox!.x + cellBox!.width + 1);
    expect(await longName.evaluate((el) => getComputedStyle(el).textOverflow)).toBe('ellipsis');
  } finally {
    await app.close();
  }
});

test('the batch preview and result tables keep dates, key types and headers on one line and wrap SANs only between entries or after a URI slash, at 900×600 and 1280×800', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    const { ui } = await vaultWithRootCa(page, 'Batch Layout CA');
    await ui.go('Batch');
    const batch = new BatchScreen(page);
    await batch
      .manifest()
      .fill(
        [
          'name,profile,sans,key,days',
          'user-service,server,"DNS:user-service,DNS:localhost,IP:127.0.0.1",ec-p256,397',
          'inventory-service,service,"DNS:inventory-service,URI:spiffe://example.org/ns/prod/sa/inventory",ec-p256,90',
          'broken-server,server,,ec-p256,90',
          'too-long,client,,ec-p256,36500',
        ].join('\n'),
      );
    await batch.issueButton().click();
    await expect(batch.outcome()).toContainText('Issued 2 of 4 certificates', { timeout: 60_000 });
    const preview = batch.preview();
    const result = batch.result();
    const problems: string[] = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      const at = `at ${size.width}×${size.height}`;
      const extra = await sidewaysOverflow(page);
      if (extra > 1) problems.push(`Batch ${at}: ${extra}px sideways`);
      const oneLine = [
        preview.getByRole('columnheader'),
        preview.getByRole('cell', { name: 'ec-p256', exact: true }),
        preview.getByRole('cell', { name: /^\d+$/ }),
        result.getByRole('columnheader'),
        result.getByRole('cell', { name: /^\d{4}-\d{2}-\d{2}$/ }),
        result.getByRole('cell', { name: /^(Issued|Invalid row|Failed)$/ }),
        // the instants main quotes in a failure reason
        result.getByRole('cell', { name: /VALIDITY_EXCEEDS_ISSUER/ }).locator('time'),
      ];
      for (const cells of oneLine)
        problems.push(...(await textsOnSeveralLines(cells)).map((t) => `${t} ${at}`));
      expect(await result.getByRole('cell', { name: /^\d{4}-\d{2}-\d{2}$/ }).count()).toBe(2);
      // A SAN list breaks after ", " or after a URI's "/", never inside a host name, address or path segment.
      const sans = preview.getByRole('cell', { name: /^(DNS|IP|URI):/ });
      expect(await sans.count()).toBe(2);
      problems.push(...(await wordsCutByLineBreaks(sans, /[^\s,/]+/)).map((w) => `SAN ${w} ${at}`));
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await saveScreenshot(page, `layout-${size.width}x${size.height}-batch-result-${scheme}`, {
          dismissToasts: true,
        });
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
    expect(problems).toEqual([]);
  } finally {
    await app.close();
  }
});

/** How much wider the chosen option's text is than the room a select gives it (≤ 0: the label shows whole). */
async function selectLabelOverflow(select: Locator): Promise<number> {
  return select.evaluate((el) => {
    const sel = el as HTMLSelectElement;
    const style = getComputedStyle(sel);
    const context = document.createElement('canvas').getContext('2d')!;
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    // Chromium draws the drop-down arrow inside the right padding box: about 20 px.
    const room = sel.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
    return Math.ceil(context.measureText(sel.selectedOptions[0]?.text ?? '').width - room);
  });
}

test('at 900×600 the key algorithm, revocation reason and mTLS certificate selects show their chosen option whole', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    await page.setViewportSize({ width: 900, height: 600 });
    const { ui, ca } = await vaultWithRootCa(page, 'Select Root CA');
    await issueLeaf(page, { caId: ca.id, cn: 'select-svc', days: 90 });
    await issueLeaf(page, { caId: ca.id, cn: 'select-client', days: 90, profile: 'client', sans: [] });
    const cut: string[] = [];
    const checkEvery = async (select: Locator, where: string): Promise<void> => {
      for (const value of await select
        .locator('option')
        .evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))) {
        await select.selectOption(value);
        const extra = await selectLabelOverflow(select);
        if (extra > 0) cut.push(`${where} ${value}: ${extra}px`);
      }
    };

    await ui.go('Authorities');
    await page.getByRole('button', { name: 'Create root CA…' }).click();
    const create = page.getByRole('dialog', { name: 'Create root CA' });
    const key = create.getByRole('combobox', { name: 'Key algorithm' });
    await checkEvery(key, 'Key algorithm');
    await key.selectOption('rsa-4096');
    await expect(key).toHaveAccessibleDescription(/RSA 4096 key takes a few seconds/);
    await create.getByRole('button', { name: 'Cancel' }).click();

    await ui.go('Certificates');
    await page.getByRole('button', { name: 'select-svc', exact: true }).click();
    await page
      .getByRole('group', { name: 'Certificate actions' })
      .getByRole('button', { name: 'Revoke…' })
      .click();
    const revoke = page.getByRole('dialog', { name: 'Revoke select-svc' });
    const reason = revoke.getByRole('combobox', { name: 'Reason' });
    await checkEvery(reason, 'Reason');
    await reason.selectOption('keyCompromise');
    await expect(reason).toHaveAccessibleDescription(
      /private key leaked.*RFC 5280 reason code: keyCompromise/,
    );
    // The date is typed in local time, and the hint names the zone it is read in.
    await expect(revoke.getByLabel('Revocation date')).toHaveAccessibleDescription(
      /^In this computer's local time \((UTC|GMT[+-][\d:]+|[A-Z]{2,5})\)\./,
    );
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await saveScreenshot(page, `layout-900x600-revoke-reason-${scheme}`);
    }
    await revoke.getByRole('button', { name: 'Cancel' }).click();

    // The mTLS check's choices name CN, profile, expiry and serial: the chosen one shows whole.
    await ui.go('mTLS check');
    for (const name of ['Server certificate', 'Client certificate']) {
      const extra = await selectLabelOverflow(page.getByRole('combobox', { name }));
      if (extra > 0) cut.push(`${name}: ${extra}px`);
    }
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await saveScreenshot(page, `layout-900x600-mtls-choices-${scheme}`);
    }
    expect(cut).toEqual([]);
  } finally {
    await app.close();
  }
});

test('the Certificates toolbar lines its search box up with the selects and the sort button beside it, at 1280×800 and 900×600', async () => {
  const app = await launchApp();
  try {
    const { page } = app;
    const { ui, ca } = await vaultWithRootCa(page, 'Toolbar Root CA');
    await issueLeaf(page, { caId: ca.id, cn: 'toolbar-svc', days: 90 });
    await ui.go('Certificates');
    const toolbar = page.getByRole('search', { name: 'Search and filter certificates' });
    const controls = {
      Search: toolbar.getByRole('searchbox', { name: 'Search' }),
      Status: toolbar.getByRole('combobox', { name: 'Status' }),
      Issuer: toolbar.getByRole('combobox', { name: 'Issuer' }),
      Profile: toolbar.getByRole('combobox', { name: 'Profile' }),
      'Sort by': toolbar.getByRole('combobox', { name: 'Sort by' }),
      'Sort order': toolbar.getByRole('button', { name: /^Sort order/ }),
    };
    const misaligned: string[] = [];
    for (const size of SIZES) {
      await page.setViewportSize(size);
      // The controls in their order, grouped into the toolbar's lines: each shares the top and bottom of the
      // first control of its line (at 900 px the toolbar wraps).
      const lines: { name: string; box: { y: number; height: number } }[][] = [];
      for (const [name, control] of Object.entries(controls)) {
        const box = (await control.boundingBox())!;
        // on the same line: overlapping vertically (a control 16 px up still overlaps its neighbours)
        const line = lines.find(
          ([head]) => box.y < head!.box.y + head!.box.height && head!.box.y < box.y + box.height,
        );
        if (line) line.push({ name, box });
        else lines.push([{ name, box }]);
      }
      for (const [first, ...others] of lines) {
        const edges = (b: { y: number; height: number }): string =>
          `${Math.round(b.y)}–${Math.round(b.y + b.height)}`;
        for (const { name, box } of others)
          if (Math.abs(box.y - first!.box.y) > 1 || Math.abs(box.height - first!.box.height) > 1)
            misaligned.push(
              `${name} at ${size.width}×${size.height}: ${edges(box)}, ${first!.name} ${edges(first!.box)}`,
            );
      }
      for (const scheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme: scheme });
        await saveScreenshot(page, `certificates-toolbar-${size.width}x${size.height}-${scheme}`);
      }
      await page.emulateMedia({ colorScheme: 'light' });
    }
    expect(misaligned).toEqual([]);
  } finally {
    await app.close();
  }
});
