/**
 * Batch leaf issuance under one CA: the template is built once, keys come from a worker pool (or WebCrypto
 * in this thread for small batches), each certificate is encoded with the small DER writer and signed by the
 * issuer key. Rows fail individually (validity beyond the issuer, name constraints, SAN encoding) — one bad
 * row never aborts the others. Persisting is the caller's job (one vault append per chunk).
 */
import { KeyObject, sign as nodeSign } from 'node:crypto';
import type { KeyAlgorithm, San } from '../../../../shared/domain/types';
import { AppError, isAppError, type ErrorCode } from '../../../../shared/ipc/error-codes';
import { hex } from '../der';
import { generateKeyPair } from '../keys';
import { checkNameConstraints } from '../name-constraints';
import { generateSerial, serialTaken } from '../serial';
import type { CertFacts, IssuerInput, PkiContext, SerialGuard } from '../types';
import { resolveValidity } from '../validity';
import { KeyWorkerPool, defaultPoolSize, type DerKeyPair } from './key-pool';
import { assembleCertificate, encodeLeafTbs, leafFacts } from './leaf-encoder';
import { createLeafTemplate, type FastProfile, type LeafTemplate } from './leaf-template';

export interface FastLeafRequest {
  cn: string;
  profile: FastProfile;
  sans: San[];
  key: KeyAlgorithm;
  days: number;
}

export interface FastIssuedLeaf {
  der: Uint8Array;
  serialHex: string;
  notBefore: Date;
  notAfter: Date;
  facts: CertFacts;
  keyAlg: KeyAlgorithm;
  /** the leaf's private key, PKCS#8 DER: wrap it into the vault, then zero it. Never log it. */
  DANGEROUS_pkcs8: Uint8Array;
}

export type FastLeafOutcome =
  { ok: true; leaf: FastIssuedLeaf } | { ok: false; code: ErrorCode; message: string };

export interface LeafBatchOptions {
  issuer: IssuerInput;
  ctx: PkiContext;
  /** serials already used by this issuer (the batch adds its own as it goes) */
  usedSerials?: SerialGuard;
  /** key workers; 0 generates keys in this thread with WebCrypto. Default: one per core. */
  workers?: number;
  /**
   * Where issuer signatures are computed when there are workers. Default 'workers': measured faster in
   * bench/issuance.ts (the main thread is then left with encoding and persistence only, which also keeps IPC
   * responsive — bench/event-loop.ts). Without workers, always this thread.
   */
  signIn?: 'main' | 'workers';
}

interface Plan {
  req: FastLeafRequest;
  notBefore: Date;
  notAfter: Date;
}
type Planned = Plan | { code: ErrorCode; message: string };

function failure(e: unknown): { code: ErrorCode; message: string } {
  if (isAppError(e)) return { code: e.code, message: e.message };
  return { code: 'INTERNAL', message: e instanceof Error ? e.message : String(e) };
}

export class LeafBatchIssuer {
  private readonly template: LeafTemplate;
  private readonly pool: KeyWorkerPool | null;
  private readonly signKey: KeyObject;
  private readonly batchSerials = new Set<string>();
  private prefetched: {
    rows: readonly FastLeafRequest[];
    plans: Planned[];
    keys: Promise<DerKeyPair[][]>;
  } | null = null;

  private get signsInWorkers(): boolean {
    return this.pool !== null && this.opts.signIn !== 'main';
  }

  private constructor(
    private readonly opts: LeafBatchOptions,
    pool: KeyWorkerPool | null,
  ) {
    this.template = createLeafTemplate(opts.issuer.certDer, opts.issuer.signingKey);
    this.pool = pool;
    // The same non-extractable key, as the KeyObject node:crypto signs with: DER ECDSA signatures directly,
    // synchronously, without WebCrypto's promise and IEEE P1363 → DER conversion per certificate.
    this.signKey = KeyObject.from(opts.issuer.signingKey);
  }

  static async create(opts: LeafBatchOptions): Promise<LeafBatchIssuer> {
    const workers = opts.workers ?? defaultPoolSize();
    const pool = workers > 0 ? new KeyWorkerPool(workers) : null;
    const issuer = new LeafBatchIssuer(opts, pool);
    if (pool && issuer.signsInWorkers)
      await pool.setSigningKey(opts.issuer.signingKey, issuer.template.signHash);
    return issuer;
  }

  /** Per-row checks that need no key: validity within the issuer, the issuer's name constraints. */
  private plan(req: FastLeafRequest): Planned {
    try {
      const v = resolveValidity({ days: req.days }, this.opts.ctx.now, req.days, {
        notBefore: this.template.issuerNotBefore,
        notAfter: this.template.issuerNotAfter,
      });
      const violation = this.template.hasNameConstraints
        ? checkNameConstraints(this.template.issuerDer, req.sans)
        : null;
      if (violation) throw new AppError('NAME_CONSTRAINT_VIOLATION', violation);
      return { req, notBefore: v.notBefore, notAfter: v.notAfter };
    } catch (e) {
      return failure(e);
    }
  }

  private async generate(alg: KeyAlgorithm, count: number): Promise<DerKeyPair[]> {
    if (this.pool) return this.pool.generate(alg, count);
    const pairs = await Promise.all(
      Array.from({ length: count }, () => generateKeyPair(alg, this.opts.ctx.crypto)),
    );
    return pairs.map((p) => ({ spki: p.spki, DANGEROUS_pkcs8: p.DANGEROUS_privateKeyPkcs8 }));
  }

  /** Keys for the valid plans, in plan order (grouped by algorithm for the workers). */
  private keysFor(plans: Planned[]): Promise<DerKeyPair[][]> {
    const byAlg = new Map<KeyAlgorithm, number>();
    for (const p of plans) if ('req' in p) byAlg.set(p.req.key, (byAlg.get(p.req.key) ?? 0) + 1);
    const algs = [...byAlg.keys()];
    return Promise.all(algs.map((a) => this.generate(a, byAlg.get(a) ?? 0))).then((lists) => {
      const queues = new Map(algs.map((a, i) => [a, lists[i] ?? []]));
      return plans.map((p) => {
        if (!('req' in p)) return [];
        const k = queues.get(p.req.key)?.shift();
        return k ? [k] : [];
      });
    });
  }

  private prepare(rows: readonly FastLeafRequest[]): { plans: Planned[]; keys: Promise<DerKeyPair[][]> } {
    if (this.prefetched && this.prefetched.rows === rows) {
      const p = this.prefetched;
      this.prefetched = null;
      return p;
    }
    const plans = rows.map((r) => this.plan(r));
    const keys = this.keysFor(plans);
    keys.catch(() => undefined);
    return { plans, keys };
  }

  private nextSerial(): Uint8Array {
    const used = this.opts.usedSerials;
    const serial = generateSerial(
      (n) => {
        const b = new Uint8Array(n);
        this.opts.ctx.crypto.getRandomValues(b);
        return b;
      },
      (h) => this.batchSerials.has(h) || serialTaken(used, h),
    );
    this.batchSerials.add(hex(serial));
    return serial;
  }

  /**
   * Issues one chunk. `upcoming` (the next chunk) starts generating its keys in the workers while this one is
   * encoded and signed, so key generation and signing overlap.
   */
  async issueChunk(
    rows: readonly FastLeafRequest[],
    upcoming?: readonly FastLeafRequest[],
  ): Promise<FastLeafOutcome[]> {
    const { plans, keys: keysPromise } = this.prepare(rows);
    const keys = await keysPromise;
    if (upcoming && upcoming.length > 0) {
      const next = upcoming.map((r) => this.plan(r));
      const nextKeys = this.keysFor(next);
      nextKeys.catch(() => undefined);
      this.prefetched = { rows: upcoming, plans: next, keys: nextKeys };
    }
    const t = this.template;
    const out: (FastLeafOutcome | null)[] = new Array<FastLeafOutcome | null>(plans.length).fill(null);
    const pending: {
      i: number;
      tbs: Buffer;
      ski: Uint8Array;
      fields: Parameters<typeof encodeLeafTbs>[1];
      key: DerKeyPair;
    }[] = [];
    plans.forEach((p, i) => {
      if (!('req' in p)) {
        out[i] = { ok: false, code: p.code, message: p.message };
        return;
      }
      const key = keys[i]?.[0];
      if (!key) {
        out[i] = { ok: false, code: 'INTERNAL', message: 'no key was generated for this row' };
        return;
      }
      try {
        const fields = {
          serial: this.nextSerial(),
          notBefore: p.notBefore,
          notAfter: p.notAfter,
          cn: p.req.cn,
          sans: p.req.sans,
          spki: key.spki,
          keyAlg: p.req.key,
          profile: p.req.profile,
        };
        const { tbs, subjectKeyId } = encodeLeafTbs(t, fields);
        pending.push({ i, tbs, ski: subjectKeyId, fields, key });
      } catch (e) {
        key.DANGEROUS_pkcs8.fill(0);
        out[i] = { ok: false, ...failure(e) };
      }
    });
    const sigs =
      this.signsInWorkers && this.pool
        ? await this.pool.sign(pending.map((p) => p.tbs))
        : pending.map((p) => nodeSign(t.signHash, p.tbs, { key: this.signKey, dsaEncoding: 'der' }));
    pending.forEach((p, j) => {
      const sig = sigs[j];
      if (!sig) {
        out[p.i] = { ok: false, code: 'INTERNAL', message: 'signature missing' };
        return;
      }
      const der = assembleCertificate(t, p.tbs, sig);
      out[p.i] = {
        ok: true,
        leaf: {
          der,
          serialHex: hex(p.fields.serial),
          notBefore: p.fields.notBefore,
          notAfter: p.fields.notAfter,
          facts: leafFacts(t, p.fields, der, p.ski),
          keyAlg: p.fields.keyAlg,
          DANGEROUS_pkcs8: p.key.DANGEROUS_pkcs8,
        },
      };
    });
    return out.map((o) => o ?? { ok: false, code: 'INTERNAL', message: 'row was not processed' });
  }

  /** Stops the workers (dropping their copy of the issuer key) and any prefetched keys. */
  async close(): Promise<void> {
    const p = this.prefetched;
    this.prefetched = null;
    if (p)
      void p.keys.then(
        (ks) => ks.flat().forEach((k) => k.DANGEROUS_pkcs8.fill(0)),
        () => undefined,
      );
    await this.pool?.close();
  }
}
