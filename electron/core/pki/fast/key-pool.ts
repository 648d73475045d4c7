/**
 * A small worker_threads pool for batch issuance: leaf key generation and (optionally) issuer signatures off
 * the main thread, so a 1,000-certificate batch uses every core and leaves the event loop free for IPC.
 * See key-worker-source.ts for the trust boundary.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import type { KeyAlgorithm } from '../../../../shared/domain/types';
import { AppError } from '../../../../shared/ipc/error-codes';
import type { PkiCryptoKey } from '../types';
import { KEY_WORKER_SOURCE } from './key-worker-source';

/** A fresh leaf key as DER. Hand `DANGEROUS_pkcs8` to the vault for wrapping, then zero it. */
export interface DerKeyPair {
  spki: Uint8Array;
  DANGEROUS_pkcs8: Uint8Array;
}

interface Reply {
  id: number;
  error?: string;
  keys?: { spki: ArrayBuffer; pkcs8: ArrayBuffer }[];
  sigs?: ArrayBuffer[];
}

interface Slot {
  worker: Worker;
  busy: number;
  pending: Map<number, { resolve: (r: Reply) => void; reject: (e: Error) => void }>;
}

/** Default pool size: one worker per core (2 on the reference machine). */
export const defaultPoolSize = (): number => Math.max(1, availableParallelism());

export class KeyWorkerPool {
  private readonly slots: Slot[];
  private nextId = 1;
  private closed = false;

  /** @param size number of workers; default `availableParallelism()` */
  constructor(size: number = defaultPoolSize()) {
    this.slots = Array.from({ length: Math.max(1, size) }, () => this.spawn());
  }

  get size(): number {
    return this.slots.length;
  }

  private spawn(): Slot {
    const worker = new Worker(KEY_WORKER_SOURCE, { eval: true });
    const slot: Slot = { worker, busy: 0, pending: new Map() };
    worker.on('message', (r: Reply) => {
      const p = slot.pending.get(r.id);
      if (!p) return;
      slot.pending.delete(r.id);
      slot.busy--;
      if (r.error) p.reject(new AppError('INTERNAL', `batch key worker: ${r.error}`));
      else p.resolve(r);
    });
    const failAll = (e: Error): void => {
      for (const p of slot.pending.values()) p.reject(e);
      slot.pending.clear();
    };
    worker.on('error', (e) => failAll(new AppError('INTERNAL', `batch key worker crashed: ${e.message}`)));
    worker.on('exit', (code) => {
      if (!this.closed) failAll(new AppError('INTERNAL', `batch key worker exited (${code})`));
    });
    // Idle workers must not keep a CLI process alive.
    worker.unref();
    return slot;
  }

  private call(slot: Slot, msg: Record<string, unknown>, transfer: ArrayBuffer[] = []): Promise<Reply> {
    if (this.closed) return Promise.reject(new AppError('INTERNAL', 'batch key pool is closed'));
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      slot.pending.set(id, { resolve, reject });
      slot.busy++;
      slot.worker.ref();
      slot.worker.postMessage({ ...msg, id }, transfer);
    }).finally(() => {
      if (slot.busy === 0) slot.worker.unref();
    });
  }

  private leastBusy(): Slot {
    let best = this.slots[0]!;
    for (const s of this.slots) if (s.busy < best.busy) best = s;
    return best;
  }

  /** Generates `count` key pairs, spread over the workers. */
  async generate(alg: KeyAlgorithm, count: number): Promise<DerKeyPair[]> {
    if (count <= 0) return [];
    const per = Math.ceil(count / this.slots.length);
    const jobs: Promise<Reply>[] = [];
    for (let left = count; left > 0; left -= per) {
      jobs.push(this.call(this.leastBusy(), { op: 'keys', alg, count: Math.min(per, left) }));
    }
    const out: DerKeyPair[] = [];
    for (const r of await Promise.all(jobs)) {
      for (const k of r.keys ?? [])
        out.push({ spki: new Uint8Array(k.spki), DANGEROUS_pkcs8: new Uint8Array(k.pkcs8) });
    }
    return out;
  }

  /** Gives every worker the issuer's (non-extractable) signing key; `hash` is node's digest name or null (Ed25519). */
  async setSigningKey(key: PkiCryptoKey, hash: string | null): Promise<void> {
    await Promise.all(this.slots.map((s) => this.call(s, { op: 'setKey', key, hash })));
  }

  /** Signs each TBS (DER signature values, ECDSA as SEQUENCE{r,s}), spread over the workers. */
  async sign(tbsList: Uint8Array[]): Promise<Uint8Array[]> {
    const per = Math.ceil(tbsList.length / this.slots.length);
    const jobs: Promise<Reply>[] = [];
    for (let i = 0; i < tbsList.length; i += per) {
      const part = tbsList.slice(i, i + per).map((t) => {
        const ab = new ArrayBuffer(t.length);
        new Uint8Array(ab).set(t);
        return ab;
      });
      jobs.push(this.call(this.leastBusy(), { op: 'sign', tbs: part }, part));
    }
    return (await Promise.all(jobs)).flatMap((r) => (r.sigs ?? []).map((s) => new Uint8Array(s)));
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.slots) {
      for (const p of s.pending.values()) p.reject(new AppError('CANCELLED', 'batch key pool closed'));
      s.pending.clear();
    }
    await Promise.all(this.slots.map((s) => s.worker.terminate()));
  }
}
