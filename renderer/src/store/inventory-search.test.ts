import { describe, expect, it } from 'vitest';
import { queryInventory, SORT_KEYS, type InventoryFilter } from '../../../shared/domain/inventory-query';
import { DEFAULT_SETTINGS } from '../../../shared/domain/types';
import { InventorySearch } from './inventory-search';
import { cert, NOW } from '../../../shared/domain/test-fixtures';

const T = DEFAULT_SETTINGS.thresholds;

/** 3,000 hosts; every 7th is a client; serials and fingerprints differ per host so hex searches discriminate. */
const LIST = Array.from({ length: 3_000 }, (_, i) =>
  cert(`host-${i}`, (i % 400) - 30, {
    profile: i % 7 === 0 ? 'client' : 'server',
    serial: `0a${i.toString(16).padStart(6, '0')}`,
    sha256: `${(i * 2654435761) % 2 ** 32}`.padStart(10, '0').concat('c'.repeat(54)),
    sans: [{ type: 'dns', value: `h${i}.corp.test` }],
  }),
);

const ids = (rows: readonly { id: string }[]): string[] => rows.map((r) => r.id);

describe('inventory search', () => {
  it('builds its keys ahead in idle slices and then searches exactly like a fresh query', () => {
    const search = new InventorySearch(LIST);
    let looks = 0;
    // an idle period that ends after the first slice: not every key is built yet
    expect(search.buildKeys(() => (looks++ === 0 ? 5 : 0))).toBe(false);
    const sort = { key: 'cn', dir: 'asc' } as const;
    for (const text of ['host-29', 'h2999.corp', '0a000b'])
      expect(ids(search.rows({ text }, sort, NOW, T)), text).toEqual(
        ids(queryInventory(LIST, { text }, sort, NOW, T)),
      );
    expect(search.buildKeys(() => 5)).toBe(true);
  });

  it('gives the same rows as a fresh query for a run of typed, deleted and replaced search text', () => {
    const search = new InventorySearch(LIST);
    const sort = { key: 'cn', dir: 'asc' } as const;
    // typing narrows, deleting widens (the deleted character's matches must come back), a hex query
    // appears only from two digits on ('a' → 'ab' must not be refined from 'a'), a prefix typed in front
    const texts = [
      'h',
      'ho',
      'host-1',
      'host-12',
      'host-123',
      'host-12',
      'host-1',
      'host-123 ',
      'a',
      'ab',
      'a',
      '0a',
      '0a:00:0b',
      '0a:00:0',
      '0a',
      'ost-29',
      'host-29',
      'corp',
      'h29.corp',
      '',
      '   ',
      'x',
      'zz',
    ];
    for (const text of texts) {
      const filter: InventoryFilter = { text: text || undefined };
      expect(ids(search.rows(filter, sort, NOW, T)), `"${text}"`).toEqual(
        ids(queryInventory(LIST, filter, sort, NOW, T)),
      );
    }
  });

  it('brings back the rows of a deleted character after a narrower search', () => {
    const search = new InventorySearch(LIST);
    const sort = { key: 'notAfter', dir: 'asc' } as const;
    expect(search.rows({ text: 'host-1234' }, sort, NOW, T)).toHaveLength(1);
    expect(ids(search.rows({ text: 'host-123' }, sort, NOW, T)).sort()).toEqual(
      ['host-123', ...Array.from({ length: 10 }, (_, d) => `host-123${d}`)].sort(),
    );
  });

  it('combines the text with the other filters and every sort, wide results read off the full order', () => {
    const search = new InventorySearch(LIST);
    for (const key of SORT_KEYS) {
      for (const dir of ['asc', 'desc'] as const) {
        for (const filter of [
          { text: 'host' },
          { text: 'host-2', profiles: ['client' as const] },
          { text: 'host-2', statuses: ['expiring' as const] },
          { statuses: ['expired' as const] },
        ]) {
          expect(
            ids(search.rows(filter, { key, dir }, NOW, T)),
            `${key} ${dir} ${JSON.stringify(filter)}`,
          ).toEqual(ids(queryInventory(LIST, filter, { key, dir }, NOW, T)));
        }
      }
    }
  });

  it('re-sorts the clock-dependent orders when the clock moves', () => {
    const search = new InventorySearch(LIST);
    const sort = { key: 'status', dir: 'asc' } as const;
    const later = new Date(NOW.getTime() + 40 * 86_400_000);
    expect(ids(search.rows({}, sort, NOW, T))).toEqual(ids(queryInventory(LIST, {}, sort, NOW, T)));
    expect(ids(search.rows({}, sort, later, T))).toEqual(ids(queryInventory(LIST, {}, sort, later, T)));
  });
});
