/**
 * Migration from XCA databases and easy-rsa folders: `import:preview` reads the source and compares it with
 * the vault; `import:run` writes everything new as ONE vault append (wrapped keys, certificates, revocations,
 * CRL numbers and the audit head together), so a failure leaves the vault as it was.
 */
import { readEasyRsa, readXca, zeroSourceKeys, type ImportSource } from '../core/import';
import { verifiedSigner, type KnownCa } from '../core/pki';
import type { VaultRecord } from '../core/vault';
import type { Handlers, ParsedInput } from '../../shared/ipc/contract';
import type { CertSummary, ImportPreview, ImportResult } from '../../shared/domain/types';
import { AppError } from '../../shared/ipc/error-codes';
import type { ServiceContext } from './context';
import { readInputFile } from './files';
import { planImport, type ImportPlan, type PlannedCert } from './import-plan';
import { certId, type Inventory } from './inventory';
import { record, RECORD } from './records';
import { knownCas } from './verdicts';

/** An XCA database holds every key and certificate of a PKI; larger than one input file, still bounded. */
export const MAX_XCA_DATABASE_BYTES = 64 * 1024 * 1024;

type ImportInput = ParsedInput<'import:run'>;

/** The preview only looks (the operator may retype a password); the import consumes the grant. */
function sourcePath(ctx: ServiceContext, input: ImportInput, consume: boolean): string {
  const purpose = input.source === 'xca' ? 'read-file' : 'read-folder';
  const what = input.source === 'xca' ? 'XCA database' : 'easy-rsa PKI folder';
  return consume
    ? ctx.grants.take(input.sourceGrant, purpose, what)
    : ctx.grants.peek(input.sourceGrant, purpose, what);
}

async function readSource(input: ImportInput, path: string): Promise<ImportSource> {
  if (input.source === 'xca') {
    const bytes = await readInputFile(path, 'XCA database', MAX_XCA_DATABASE_BYTES);
    return readXca(bytes, path, input.password);
  }
  return readEasyRsa(path, (p, what) => readInputFile(p, what), input.password);
}

async function withPlan<T>(
  ctx: ServiceContext,
  input: ImportInput,
  path: string,
  fn: (plan: ImportPlan) => Promise<T>,
): Promise<T> {
  const source = await readSource(input, path);
  try {
    return await fn(planImport(source, ctx.session.unlocked().inventory));
  } finally {
    zeroSourceKeys(source);
  }
}

export function importSummary(p: ImportPreview): string {
  const c = p.counts;
  return (
    `${c.cas} CA(s), ${c.leaves} leaf certificate(s), ${c.keys} key(s), ${c.revoked} revoked, ` +
    `CRL numbers for ${c.crlNumbers} CA(s); ${c.duplicates} already in the vault, ${c.conflicts} conflicting, ` +
    `${p.problems.length} problem(s)`
  );
}

export function createImportHandlers(ctx: ServiceContext): Pick<Handlers, 'import:preview' | 'import:run'> {
  return {
    'import:preview': async (input) => {
      ctx.session.unlocked();
      return withPlan(ctx, input, sourcePath(ctx, input, false), async (plan) => plan.preview);
    },
    'import:run': (input) => {
      ctx.session.writable();
      const path = sourcePath(ctx, input, true);
      // A source that cannot be read (wrong password, damaged file) or that conflicts is refused before the
      // vault is touched, so not even an audit head changes it; only the write itself is audited.
      return withPlan(ctx, input, path, (plan) => {
        refuseConflicts(input, plan);
        return ctx.audit.run(
          `import.${input.source}`,
          () => commit(ctx, plan),
          (r) => ({
            detail: `${r.written ? 'imported' : 'nothing new'} from ${path}: ${importSummary(r)}`,
          }),
          { detail: path },
        );
      });
    },
  };
}

function summaryOf(
  ctx: ServiceContext,
  p: PlannedCert,
  issuerId: string | null,
  keyed: boolean,
): CertSummary {
  const f = p.facts;
  return {
    id: p.id,
    kind: f.isCa ? 'ca' : 'leaf',
    profile: p.profile,
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
    hasKey: keyed,
    ...(p.src.tracked ? { tracked: true } : {}),
    ...(f.isCa ? { pathLen: f.pathLen } : {}),
    ...(p.src.label ? { label: p.src.label } : {}),
    createdAt: ctx.now().toISOString(),
  };
}

/**
 * The parent of a certificate of this import whose signature the CA with SHA-256 `signer` verified: that CA
 * when it comes with this import (tracked or not, as the source had it) or is one of the vault's authorities,
 * never the certificate itself (self-signed); null when no CA here or in the vault signed it.
 */
function parentIn(
  inventory: Inventory,
  imported: ReadonlyMap<string, PlannedCert>,
  signer: string | undefined,
  id: string,
): string | null {
  if (!signer) return null;
  const ca = imported.get(certId(signer));
  if (ca) return ca.id !== id && ca.facts.sha256 === signer ? ca.id : null;
  return inventory.authorityThatSigned(signer, id);
}

function refuseConflicts(input: ImportInput, plan: ImportPlan): void {
  if (plan.conflicts.length > 0 && !input.skipConflicts) {
    const first = plan.conflicts
      .slice(0, 3)
      .map((c) => `${c.item}: ${c.notes[c.notes.length - 1] ?? 'conflict'}`)
      .join('; ');
    throw new AppError(
      'IMPORT_CONFLICT',
      `${plan.conflicts.length} item(s) conflict with the vault, nothing was imported. ${first}`,
    );
  }
}

async function commit(ctx: ServiceContext, plan: ImportPlan): Promise<ImportResult> {
  const { vault, inventory } = ctx.session.writable();
  if (plan.toImport.length === 0 && plan.crls.length === 0) return { ...plan.preview, written: false };
  const keyed = plan.toImport.filter((p) => p.src.key);
  const heads = ctx.audit.takeHeadRecords();
  const written: VaultRecord[] = [];
  // Each signature is verified once here, against the vault's CAs and the CAs of this import; the vault
  // then vouches for it (CertRecord.signedBy). Authorities come first: where a CA that comes across and a
  // tracked certificate of the same CA key both verify a certificate, its parent is the one that can renew and
  // revoke it.
  const importedCas = plan.toImport.filter((p) => p.facts.isCa);
  const importedById = new Map(importedCas.map((p) => [p.id, p]));
  const tracked = ({ id }: KnownCa): boolean =>
    id !== null && (importedById.get(id)?.src.tracked ?? inventory.entries.get(id)?.summary.tracked) === true;
  const signers = [...knownCas(inventory), ...importedCas.map((p) => ({ id: p.id, der: p.src.der }))].sort(
    (a, b) => Number(tracked(a)) - Number(tracked(b)),
  );
  await vault.appendWithKeys(
    keyed.map((p) => p.src.key!.DANGEROUS_pkcs8),
    (refs) => {
      const refOf = new Map(keyed.map((p, i) => [p.id, refs[i] ?? null]));
      for (const p of plan.toImport) {
        const keyRef = refOf.get(p.id) ?? null;
        const signedBy = verifiedSigner(p.src.der, signers);
        written.push(
          record(RECORD.cert, {
            summary: summaryOf(ctx, p, parentIn(inventory, importedById, signedBy, p.id), keyRef !== null),
            der: p.src.der,
            keyRef,
            keyAlg: keyRef !== null ? (p.src.key?.alg ?? null) : null,
            ...(signedBy ? { signedBy } : {}),
          }),
        );
      }
      for (const p of plan.toImport) {
        const r = p.src.revocation;
        if (!r) continue;
        written.push(
          record(RECORD.revoke, {
            id: p.id,
            at: r.at.toISOString(),
            reason: r.reason,
            ...(r.invalidityDate ? { invalidityDate: r.invalidityDate.toISOString() } : {}),
          }),
        );
      }
      for (const c of plan.crls) written.push(record(RECORD.crl, { ...c }));
      return [...written, ...heads];
    },
  );
  for (const r of [...written, ...heads]) inventory.apply(r);
  inventory.relinkOrphans();
  ctx.changed();
  return { ...plan.preview, written: true };
}
