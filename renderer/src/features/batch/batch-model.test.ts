import { describe, expect, it } from 'vitest';
import type { BatchResult } from '../../../../shared/domain/types';
import {
  issuedIds,
  newBatchId,
  rowsToShow,
  previewManifest,
  progressPercent,
  resultSummary,
  SAMPLE_MANIFEST,
  sanSegments,
} from './batch-model';

const defaults = { key: 'ec-p256' as const, days: 397 };

describe('batch screen model', () => {
  it('previews the sample manifest as three valid rows with readable SANs', () => {
    const p = previewManifest(SAMPLE_MANIFEST, defaults);
    expect(p).toMatchObject({ fileError: null, valid: 3, invalid: 0 });
    expect(p?.rows[0]).toMatchObject({
      name: 'user-service',
      profile: 'server',
      sans: ['DNS:user-service', 'DNS:localhost', 'IP:127.0.0.1'],
      key: 'ec-p256',
      days: '397',
    });
  });

  it('cuts a URI SAN only after its slashes and keeps every other SAN whole', () => {
    expect(sanSegments('URI:spiffe://example.org/inventory')).toEqual([
      'URI:spiffe://',
      'example.org/',
      'inventory',
    ]);
    expect(sanSegments('URI:https://svc.example/a/b/')).toEqual(['URI:https://', 'svc.example/', 'a/', 'b/']);
    expect(sanSegments('DNS:user-service.internal')).toEqual(['DNS:user-service.internal']);
    expect(sanSegments('IP:2001:db8::1')).toEqual(['IP:2001:db8::1']);
  });

  it('keeps each bad row with its own errors and counts the good ones', () => {
    const p = previewManifest('name,profile,sans,key,days\nok,client,,,\nbad,server,,ec-p256,0', defaults);
    expect(p).toMatchObject({ valid: 1, invalid: 1 });
    expect(p?.rows[1]?.errors.join(' ')).toMatch(/SAN/);
    expect(p?.rows[1]?.errors.join(' ')).toMatch(/days/);
  });

  it('reports a file-level problem and shows nothing for an empty text', () => {
    expect(previewManifest('  ', defaults)).toBeNull();
    expect(previewManifest('cn,profile\nx,server', defaults)?.fileError).toMatch(/header/);
  });

  it('turns progress into a bounded percentage', () => {
    expect(progressPercent(null)).toBe(0);
    expect(progressPercent({ done: 0, total: 0 })).toBe(0);
    expect(progressPercent({ done: 50, total: 200 })).toBe(25);
    expect(progressPercent({ done: 300, total: 200 })).toBe(100);
  });

  it('exports only issued rows and summarises the outcome', () => {
    const r: BatchResult = {
      batchId: 'b',
      caId: 'c',
      issued: 1,
      failed: 1,
      cancelled: true,
      elapsedMs: 1500,
      rows: [
        { index: 1, name: 'a', status: 'issued', id: 'id-a', errors: [] },
        { index: 2, name: 'b', status: 'failed', errors: ['x'] },
        { index: 3, name: 'c', status: 'cancelled', errors: [] },
      ],
    };
    expect(issuedIds(r)).toEqual(['id-a']);
    expect(resultSummary(r)).toBe('Issued 1 of 3 certificates · 1 failed · 1 cancelled (1.5 s)');
    expect(newBatchId(() => 'x1')).toBe('batch-x1');
  });

  it('shows every problem row but only the first fine rows of a large manifest', () => {
    const rows = Array.from({ length: 1000 }, (_, i) => ({ i, bad: i % 100 === 99 }));
    const { shown, hidden } = rowsToShow(rows, (r) => r.bad, 200);
    expect(shown.filter((r) => r.bad)).toHaveLength(10);
    expect(shown.filter((r) => !r.bad)).toHaveLength(200);
    expect(hidden).toBe(790);
    expect(shown.map((r) => r.i)).toEqual([...shown.map((r) => r.i)].sort((a, b) => a - b));
  });
});
