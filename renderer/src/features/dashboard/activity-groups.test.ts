import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../../shared/domain/types';
import { groupActivity } from './activity-groups';

let seq = 0;
const entry = (operation: string, subject: string, detail?: string): AuditEntry => ({
  seq: ++seq,
  time: '2030-01-01T09:00:00Z',
  operation,
  outcome: 'ok',
  ...(subject ? { subject } : {}),
  ...(detail ? { detail } : {}),
});

describe('recent activity grouping', () => {
  it('turns a batch into one line with its total and the CA, and repeated issues into one counted line', () => {
    const entries = [
      entry('ca.create', 'CN=Root'),
      entry('batch.issue', 'CA CN=Root', 'batch b1: a#01 b#02'),
      entry('batch.issue', 'CA CN=Root', 'batch b1: c#03'),
      entry('batch.issue', 'CA CN=Root', 'batch b1 finished: 2000 issued, 0 failed of 2000 rows'),
      ...Array.from({ length: 12 }, (_, i) => entry('certs.issue', `CN=svc-${i}`)),
    ];
    const lines = groupActivity(entries, 8);
    expect(lines.map((l) => [l.latest.operation, l.text])).toEqual([
      ['certs.issue', '× 12, latest CN=svc-11'],
      ['batch.issue', 'Batch: 2,000 certificates issued under CN=Root'],
      ['ca.create', 'CN=Root'],
    ]);
  });
  it('names every subject of a short run so no issued certificate disappears from the panel', () => {
    const lines = groupActivity(
      [entry('certs.issue', 'CN=user-service'), entry('certs.issue', 'CN=billing-service')],
      8,
    );
    expect(lines.map((l) => l.text)).toEqual(['× 2: CN=billing-service, CN=user-service']);
  });
  it('stops at the line limit', () => {
    const entries = Array.from({ length: 20 }, (_, i) =>
      entry(i % 2 ? 'certs.issue' : 'certs.revoke', `CN=${i}`),
    );
    expect(groupActivity(entries, 8)).toHaveLength(8);
  });
  it('counts repeated operations that name no subject instead of listing empty names', () => {
    const lines = groupActivity(
      [
        entry('export.calendar', ''),
        entry('export.calendar', ''),
        ...Array.from({ length: 4 }, () => entry('vault.backup', '')),
      ],
      8,
    );
    expect(lines.map((l) => l.text)).toEqual(['× 4', '× 2']);
  });
});
