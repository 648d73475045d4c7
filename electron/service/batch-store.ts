/**
 * Persists one chunk of batch-issued leaves: every private key wrapped and every cert record appended in ONE
 * vault append (vault.appendWithKeys), with the pending audit head riding along like `persist` does. The
 * records are the same `cert.v1` records storeCertificate writes, so replay cannot tell a batch certificate
 * from a single issuance.
 */
import { verifiedSigner } from '../core/pki';
import type { FastIssuedLeaf } from '../core/pki/fast';
import type { CertSummary, Profile } from '../../shared/domain/types';
import type { ServiceContext } from './context';
import { certId, certRecordOf, type InventoryEntry } from './inventory';

export interface BatchLeaf {
  leaf: FastIssuedLeaf;
  profile: Profile;
}

function summaryOf(ctx: ServiceContext, l: FastIssuedLeaf, profile: Profile, issuerId: string): CertSummary {
  const f = l.facts;
  return {
    id: certId(f.sha256),
    kind: 'leaf',
    profile,
    cn: f.cn,
    subject: f.subject,
    issuer: f.issuer,
    issuerId,
    serial: f.serial,
    sans: f.sans,
    notBefore: f.notBefore,
    notAfter: f.notAfter,
    sha256: f.sha256,
    keyAlgorithm: f.keyAlgorithm,
    hasKey: true,
    createdAt: ctx.now().toISOString(),
  };
}

/** Stores the chunk durably, then adds it to the inventory. Raw key bytes are zeroed whatever happens. */
export async function storeBatchChunk(
  ctx: ServiceContext,
  issuerId: string,
  chunk: BatchLeaf[],
): Promise<InventoryEntry[]> {
  const { vault, inventory } = ctx.session.writable();
  const keys = chunk.map((c) => c.leaf.DANGEROUS_pkcs8);
  const heads = ctx.audit.takeHeadRecords();
  const entries: InventoryEntry[] = [];
  const issuer = [{ id: issuerId, der: inventory.get(issuerId).der }];
  try {
    await vault.appendWithKeys(keys, (refs) => {
      const records = chunk.map((c, i) => {
        // Verified once before it is stored; the vault then vouches for the signature (CertRecord.signedBy).
        const signedBy = verifiedSigner(c.leaf.der, issuer);
        const entry: InventoryEntry = {
          summary: summaryOf(ctx, c.leaf, c.profile, issuerId),
          der: c.leaf.der,
          keyRef: refs[i] ?? null,
          keyAlg: c.leaf.keyAlg,
          ...(signedBy ? { signedBy } : {}),
        };
        entries.push(entry);
        return certRecordOf({ ...entry, summary: structuredClone(entry.summary) });
      });
      return [...records, ...heads];
    });
  } finally {
    for (const k of keys) k.fill(0);
  }
  for (const h of heads) inventory.apply(h);
  for (const e of entries) inventory.add(e);
  return entries;
}
