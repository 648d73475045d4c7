import type { AuditEntry } from '../../../../shared/domain/types';

export interface ActivityGroup {
  /** the newest entry of the run */
  latest: AuditEntry;
  /** entries merged into this line */
  entries: number;
  /** what the line says after the operation tag */
  text: string;
}

const FINISHED = /finished: (\d+) issued/;
/** A short run still names every subject: folding two manual issues into "latest …" hid the first one. */
const NAMED_RUN = 3;

/** Certificates a batch.issue entry accounts for: its "finished: N issued" total, else the cn#serial tokens of a chunk. */
function batchCount(entries: readonly AuditEntry[]): number {
  const finished = entries.map((e) => FINISHED.exec(e.detail ?? '')).find((m) => m);
  if (finished) return Number(finished[1]);
  return entries.reduce((n, e) => n + (e.detail?.split(' ').filter((t) => t.includes('#')).length ?? 0), 0);
}

function sameRun(a: AuditEntry, b: AuditEntry): boolean {
  return (
    a.operation === b.operation &&
    a.outcome === b.outcome &&
    (a.operation !== 'batch.issue' || a.subject === b.subject)
  );
}

/**
 * Recent activity as lines a person reads: consecutive entries of the same operation and outcome become one
 * line ("Batch: 2,000 certificates issued under CA …", "certs.issue × 12, latest CN=…"; a run of up to three
 * names each subject), newest first, at
 * most `maxLines`, so a batch never floods the panel. `entries` come oldest first, as audit:list returns them.
 */
export function groupActivity(entries: readonly AuditEntry[], maxLines: number): ActivityGroup[] {
  const runs: AuditEntry[][] = [];
  for (const entry of [...entries].reverse()) {
    const run = runs[runs.length - 1];
    if (run && sameRun(run[0]!, entry)) run.push(entry);
    else if (runs.length < maxLines) runs.push([entry]);
    else break;
  }
  return runs.map((run) => {
    const latest = run[0]!;
    let text: string;
    if (latest.operation === 'batch.issue') {
      const under = (latest.subject ?? '').replace(/^CA /, '');
      text = `Batch: ${batchCount(run).toLocaleString('en')} certificates issued under ${under}`;
    } else if (run.length > 1) {
      // Operations without a subject (calendar exports, backups) are counted, never listed as empty names.
      const named = run.map((e) => e.subject).filter((subject) => subject);
      const count = `× ${run.length.toLocaleString('en')}`;
      if (named.length === 0) text = count;
      else if (run.length <= NAMED_RUN) text = `${count}: ${named.join(', ')}`;
      else text = latest.subject ? `${count}, latest ${latest.subject}` : count;
    } else {
      text = latest.subject ?? '';
    }
    return { latest, entries: run.length, text };
  });
}
