/** The CA screen's calls to main; failures come back as values so dialogs can show them in place. */
import type { CertSummary, CsrView, ExportResult, IssueResult } from '../../../../shared/domain/types';
import type { ChannelInput } from '../../../../shared/ipc/contract';
import type { Result } from '../../../../shared/result';
import { api } from '../../lib/api';

export type CreateCaInput = ChannelInput<'ca:create'>;
export type ImportCaInput = ChannelInput<'ca:import'>;

export function createCa(input: CreateCaInput): Promise<Result<IssueResult>> {
  return api().ca.create(input);
}

export function importCa(input: ImportCaInput): Promise<Result<CertSummary>> {
  return api().ca.import(input);
}

export function importTrustAnchor(certPem: string): Promise<Result<CertSummary>> {
  return api().ca.importTrustAnchor({ certPem });
}

export type SignCaCsrInput = ChannelInput<'certs:signCsr'>;

export function signCaCsr(input: SignCaCsrInput): Promise<Result<IssueResult>> {
  return api().certs.signCsr(input);
}

export function parseCsr(pem: string): Promise<Result<CsrView>> {
  return api().csr.parse({ pem });
}

/**
 * Trust bundle (or one CA's certificate): main's folder dialog chooses where, the grant goes to the export.
 * Resolves to null when the operator cancelled the folder choice.
 */
export async function exportTrustBundle(input: {
  caIds: string[];
  withCrls: boolean;
  overwrite?: boolean;
  title: string;
  /** the folder created inside the chosen one (main makes it file-system safe); default certdesk-trust-bundle */
  folderName?: string;
}): Promise<Result<ExportResult> | null> {
  const choice = await api().dialog.chooseFolder({ purpose: 'write-folder', title: input.title });
  if (!choice.ok) return choice;
  if (!choice.value.grant) return null;
  return api().export.trustBundle({
    folderGrant: choice.value.grant,
    caIds: input.caIds,
    ...(input.withCrls ? { withCrls: true } : {}),
    ...(input.overwrite ? { overwrite: true } : {}),
    ...(input.folderName ? { folderName: input.folderName } : {}),
  });
}
