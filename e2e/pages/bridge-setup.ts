import type { Page } from '@playwright/test';
import type { CertSummary } from '../../shared/domain/types';
import type { CertDeskApi } from '../../shared/ipc/contract';

/** e2e code compiles without DOM types: name the page's global through the contract type. */
export type PageGlobal = { certdesk: CertDeskApi };

/**
 * Test setup through window.certdesk (the same bridge the UI uses); assertions stay in the UI.
 * Each helper throws with the service's error message when a call fails.
 */
export async function createRootCa(page: Page, cn: string): Promise<CertSummary> {
  return page.evaluate(async (name) => {
    const r = await (globalThis as unknown as PageGlobal).certdesk.ca.create({
      subject: { cn: name, o: 'CertDesk e2e' },
    });
    if (!r.ok) throw new Error(`ca:create ${r.error.code}: ${r.error.message}`);
    return r.value.summary;
  }, cn);
}

export async function issueLeaf(
  page: Page,
  input: {
    caId: string;
    cn: string;
    days: number;
    profile?: 'server' | 'client' | 'service';
    sans?: { type: 'dns' | 'ip' | 'uri' | 'email'; value: string }[];
  },
): Promise<CertSummary> {
  return page.evaluate(async (i) => {
    const r = await (globalThis as unknown as PageGlobal).certdesk.certs.issue({
      caId: i.caId,
      profile: i.profile ?? 'server',
      subject: { cn: i.cn },
      sans: i.sans ?? [{ type: 'dns', value: i.cn }],
      validity: { days: i.days },
    });
    if (!r.ok) throw new Error(`certs:issue ${r.error.code}: ${r.error.message}`);
    return r.value.summary;
  }, input);
}

/** A CA under `parentId` (an intermediate); `pathLen` limits the CAs below it. */
export async function createSubCa(
  page: Page,
  input: { cn: string; parentId: string; pathLen?: number },
): Promise<CertSummary> {
  return page.evaluate(async (i) => {
    const r = await (globalThis as unknown as PageGlobal).certdesk.ca.create({
      subject: { cn: i.cn, o: 'CertDesk e2e' },
      parentId: i.parentId,
      ...(i.pathLen === undefined ? {} : { pathLen: i.pathLen }),
    });
    if (!r.ok) throw new Error(`ca:create ${r.error.code}: ${r.error.message}`);
    return r.value.summary;
  }, input);
}

export async function revokeCert(
  page: Page,
  input: { id: string; reason: 'keyCompromise' | 'cACompromise' | 'superseded' },
): Promise<CertSummary> {
  return page.evaluate(async (i) => {
    const r = await (globalThis as unknown as PageGlobal).certdesk.certs.revoke(i);
    if (!r.ok) throw new Error(`certs:revoke ${r.error.code}: ${r.error.message}`);
    return r.value;
  }, input);
}

/**
 * Generates `caId`'s CRL and saves it as PEM where main's save dialog answers (the harness's `chooseFile`).
 * Returns the path the audit log names.
 */
export async function saveCrl(page: Page, caId: string): Promise<string> {
  return page.evaluate(async (id) => {
    const api = (globalThis as unknown as PageGlobal).certdesk;
    const generated = await api.crl.generate({ caId: id });
    if (!generated.ok) throw new Error(`crl:generate ${generated.error.code}: ${generated.error.message}`);
    const chosen = await api.dialog.saveFile({ defaultName: 'ca.crl.pem' });
    if (!chosen.ok || !chosen.value.grant) throw new Error('dialog:saveFile chose no file');
    const saved = await api.crl.save({ caId: id, fileGrant: chosen.value.grant, format: 'pem' });
    if (!saved.ok) throw new Error(`crl:save ${saved.error.code}: ${saved.error.message}`);
    return saved.value.path;
  }, caId);
}
