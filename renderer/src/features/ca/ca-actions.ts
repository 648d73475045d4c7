/** The CA screen's calls to main; failures come back as values so dialogs can show them in place. */
import type { CertSummary, CsrView, IssueResult } from '../../../../shared/domain/types';
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
