import type { VaultRecord } from '../core/vault';
import { verifiedSigner, type CertFacts, type GeneratedKeyPair, type IssuedCertificate } from '../core/pki';
import type { CertSummary, KeyAlgorithm, Profile } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';
import { certId, certRecordOf, type InventoryEntry } from './inventory';
import { knownCas } from './verdicts';

/** Durably appends records (plus the pending audit head) to the unlocked, writable vault. */
export async function persist(ctx: ServiceContext, records: VaultRecord[]): Promise<void> {
  const { vault, inventory } = ctx.session.writable();
  const heads = ctx.audit.takeHeadRecords();
  await vault.append([...records, ...heads]);
  for (const h of heads) inventory.apply(h);
}

export type KeySource =
  | { kind: 'generated'; pair: GeneratedKeyPair }
  | { kind: 'imported'; pkcs8: Uint8Array; alg: KeyAlgorithm }
  | { kind: 'existing'; keyRef: string; alg: KeyAlgorithm }
  | { kind: 'none' };

export interface StoreOptions {
  profile: Profile;
  key: KeySource;
  /** when known (issued by us); otherwise the vault CA whose key verifies the certificate, if any */
  issuerId?: string | null;
  replaces?: string;
  keyUsages?: string[];
  extendedKeyUsages?: string[];
  /** a certificate watched for expiry only (see CertSummary.tracked) */
  tracked?: boolean;
}

/**
 * Stores a certificate: wraps its private key (if any) individually in the vault, then appends the cert
 * record with its summary, and adds it to the in-memory inventory. The raw key bytes are zeroed after wrapping.
 */
export async function storeCertificate(
  ctx: ServiceContext,
  der: Uint8Array,
  facts: CertFacts,
  opts: StoreOptions,
): Promise<InventoryEntry> {
  const { vault, inventory } = ctx.session.writable();
  const id = certId(facts.sha256);
  if (inventory.entries.has(id)) {
    throw new AppError(
      'DUPLICATE_NAME',
      `This certificate (${facts.subject}, serial ${facts.serial}) is already in the vault as ${id}`,
    );
  }
  let keyRef: string | null = null;
  let keyAlg: KeyAlgorithm | null = null;
  if (opts.key.kind === 'generated' || opts.key.kind === 'imported') {
    const bytes = opts.key.kind === 'generated' ? opts.key.pair.DANGEROUS_privateKeyPkcs8 : opts.key.pkcs8;
    try {
      keyRef = await vault.wrapKey(bytes);
    } finally {
      bytes.fill(0);
    }
    keyAlg = opts.key.kind === 'generated' ? opts.key.pair.alg : opts.key.alg;
  } else if (opts.key.kind === 'existing') {
    keyRef = opts.key.keyRef;
    keyAlg = opts.key.alg;
  }
  // Verified once here, whether we signed it or it came from elsewhere; the vault then vouches for it.
  const signedBy = verifiedSigner(der, knownCas(inventory));
  const summary: CertSummary = {
    id,
    kind: facts.isCa ? 'ca' : 'leaf',
    profile: opts.profile,
    cn: facts.cn,
    subject: facts.subject,
    issuer: facts.issuer,
    issuerId: opts.issuerId !== undefined ? opts.issuerId : inventory.authorityThatSigned(signedBy, id),
    ...(opts.tracked ? { tracked: true } : {}),
    serial: facts.serial,
    sans: facts.sans,
    notBefore: facts.notBefore,
    notAfter: facts.notAfter,
    sha256: facts.sha256,
    keyAlgorithm: facts.keyAlgorithm,
    hasKey: keyRef !== null,
    ...(facts.isCa ? { pathLen: facts.pathLen } : {}),
    ...(opts.replaces ? { replaces: opts.replaces } : {}),
    createdAt: ctx.now().toISOString(),
  };
  const entry: InventoryEntry = {
    summary,
    der,
    keyRef,
    keyAlg,
    ...(opts.keyUsages ? { keyUsages: opts.keyUsages } : {}),
    ...(opts.extendedKeyUsages ? { extendedKeyUsages: opts.extendedKeyUsages } : {}),
    ...(signedBy ? { signedBy } : {}),
  };
  await persist(ctx, [
    // the record holds its own copy of the summary: the entry's is mutated later (revocation, lineage)
    certRecordOf({ ...entry, summary: structuredClone(summary) }),
  ]);
  inventory.add(entry);
  if (entry.summary.kind === 'ca' && !entry.summary.tracked) inventory.relinkOrphans();
  return entry;
}

export function issuedFacts(issued: IssuedCertificate): CertFacts {
  return issued.summary;
}
