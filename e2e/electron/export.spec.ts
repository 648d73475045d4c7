import { expect, test } from '@playwright/test';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { CertDeskApi } from '../../shared/ipc/contract';
import { ExportDialogModel } from '../pages/export';
import { goTo } from '../pages/issuance-app';
import { electronBinary } from './electron-binary';
import { launchElectron, type LaunchedElectron } from './launch';

const binary = electronBinary();
type Bridge = { certdesk: CertDeskApi };

/**
 * Answers main's native dialogs from inside the main process: the folder dialog picks `folder`, the message
 * box presses the action button when `yes` (else Cancel), and every box's message is kept for the test.
 */
async function answerDialogs(launched: LaunchedElectron, folder: string, yes: boolean): Promise<void> {
  await launched.app.evaluate(
    ({ dialog }, answer) => {
      const g = globalThis as unknown as { certdeskBoxes?: string[] };
      g.certdeskBoxes ??= [];
      dialog.showOpenDialog = async () => ({ canceled: false, filePaths: [answer.folder] });
      dialog.showMessageBox = async (...args: unknown[]) => {
        const options = args[args.length - 1] as { message: string };
        g.certdeskBoxes?.push(options.message);
        return { response: answer.yes ? 1 : 0, checkboxChecked: false };
      };
    },
    { folder, yes },
  );
}

async function boxes(launched: LaunchedElectron): Promise<string[]> {
  return launched.app.evaluate(
    () => (globalThis as unknown as { certdeskBoxes?: string[] }).certdeskBoxes ?? [],
  );
}

test.describe("real Electron: export through main's dialogs", () => {
  test.skip('missing' in binary, 'missing' in binary ? binary.missing : '');

  test("the export folder comes from main's folder dialog and an unencrypted key needs main's own yes", async () => {
    if (!('path' in binary)) return;
    const launched = await launchElectron(binary.path);
    const out = mkdtempSync(path.join(tmpdir(), 'certdesk-electron-export-'));
    try {
      const { page } = launched;
      await page.evaluate(async () => {
        const api = (window as unknown as Bridge).certdesk;
        const vault = await api.vault.create({ passphrase: 'correct horse battery staple 42' });
        if (!vault.ok) throw new Error(vault.error.message);
        const ca = await api.ca.create({ subject: { cn: 'mygrpc-ca' } });
        if (!ca.ok) throw new Error(ca.error.message);
        const leaf = await api.certs.issue({
          caId: ca.value.summary.id,
          profile: 'client',
          subject: { cn: 'billing-service' },
          sans: [],
        });
        if (!leaf.ok) throw new Error(leaf.error.message);
      });
      await goTo(page, 'Certificates');
      await page
        .getByRole('table', { name: 'Certificates' })
        .getByRole('button', { name: 'billing-service' })
        .click();
      await page.getByRole('button', { name: 'Export…' }).click();
      const exp = new ExportDialogModel(page, 'billing-service');

      await answerDialogs(launched, out, false);
      await exp.fill({ dir: out });
      await exp.dialog.getByRole('checkbox', { name: 'Write unencrypted keys' }).check();
      await exp.dialog
        .getByRole('checkbox', { name: 'I understand: write the private key unencrypted' })
        .check();
      await exp.exportButton.click();
      await expect(exp.dialog.getByRole('alert').filter({ hasText: /was not confirmed/ })).toBeVisible();
      expect(await boxes(launched)).toEqual([
        `Write the private key of billing-service UNENCRYPTED into ${out}?`,
      ]);
      expect(readdirSync(out)).toEqual([]);

      await answerDialogs(launched, out, true);
      await exp.fill({ dir: out });
      await exp.exportButton.click();
      await expect(exp.finished).toBeVisible({ timeout: 60_000 });
      const bundle = await exp.bundleDir('billing-service');
      expect(readFileSync(path.join(bundle, 'client.key'), 'utf8')).toMatch(/BEGIN (EC )?PRIVATE KEY/);
    } finally {
      await launched.close();
      rmSync(out, { recursive: true, force: true });
    }
  });
});
