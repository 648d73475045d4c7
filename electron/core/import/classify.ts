/** What CertDesk calls an imported certificate: its profile from BasicConstraints and EKU, and its public key. */
import type { Profile } from '../../../shared/domain/types';
import { readCert } from '../pki/cert-raw';
import { decodeEku, ekuName } from '../pki/ext-decode';
import { OID } from '../pki/extensions';
import { summarizeCertificate } from '../pki';

/** root/intermediate for CAs; server, client or service (both) by EKU for leaves; custom otherwise. */
export function profileOfCertificate(der: Uint8Array): Profile {
  const facts = summarizeCertificate(der);
  if (facts.isCa) return facts.selfSigned ? 'root' : 'intermediate';
  const ekuExt = readCert(der).extensions.find((e) => e.oid === OID.extKeyUsage);
  const ekus = ekuExt ? decodeEku(ekuExt.value).map(ekuName) : [];
  const server = ekus.includes('serverAuth');
  const client = ekus.includes('clientAuth');
  if (server && client) return 'service';
  if (server) return 'server';
  if (client) return 'client';
  return 'custom';
}
