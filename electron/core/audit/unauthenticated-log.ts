import { open, readFile, truncate } from 'node:fs/promises';
import type { AuditEntry } from '../../../shared/domain/types';
import type { AuditAppendInput } from './types';

/** Failed unlocks happen without the key, so they go to this separate, clearly unauthenticated file. */
export function unauthenticatedPathFor(vaultPath: string): string {
  return `${vaultPath}.audit-unauthenticated.jsonl`;
}

export type UnauthenticatedEntry = Pick<AuditEntry, 'time' | 'operation' | 'outcome' | 'detail'>;

/**
 * Plain JSONL with no chain and no MAC: anyone with write access can add or remove lines. The service copies
 * its lines into the keyed chain at the next unlock (marked `origin: 'unauthenticated'`) and then empties it.
 */
export class UnauthenticatedLog {
  constructor(readonly path: string) {}

  async append(input: AuditAppendInput): Promise<void> {
    const entry: UnauthenticatedEntry = {
      time: input.time.toISOString(),
      operation: input.operation,
      outcome: input.outcome,
      ...(input.detail !== undefined ? { detail: input.detail } : {}),
    };
    const fh = await open(this.path, 'a', 0o600);
    try {
      await fh.write(`${JSON.stringify(entry)}\n`);
      await fh.sync();
    } finally {
      await fh.close();
    }
  }

  /** Well-formed lines; anything else is dropped (the file proves nothing anyway). */
  async read(): Promise<UnauthenticatedEntry[]> {
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch {
      return [];
    }
    const out: UnauthenticatedEntry[] = [];
    for (const line of text.split('\n')) {
      try {
        const e = JSON.parse(line) as Partial<UnauthenticatedEntry>;
        if (
          typeof e.time === 'string' &&
          typeof e.operation === 'string' &&
          (e.outcome === 'ok' || e.outcome === 'failed')
        )
          out.push({
            time: e.time,
            operation: e.operation.slice(0, 100),
            outcome: e.outcome,
            ...(typeof e.detail === 'string' ? { detail: e.detail.slice(0, 500) } : {}),
          });
      } catch {
        /* not a line we wrote */
      }
    }
    return out;
  }

  async clear(): Promise<void> {
    await truncate(this.path, 0).catch(() => undefined);
  }
}
