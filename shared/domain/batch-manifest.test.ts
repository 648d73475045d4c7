import { describe, expect, it } from 'vitest';
import { parseBatchManifest, splitCsvLine } from './batch-manifest';

const defaults = { key: 'ec-p256', days: 397 } as const;

describe('batch manifest', () => {
  it('reads the CSV contract with quoted, comma-separated SANs in openssl syntax', () => {
    const csv = [
      'name,profile,sans,key,days',
      'user-service,server,"DNS:user-service,DNS:user-service.internal,IP:127.0.0.1",ec-p256,90',
      'billing-service,client,,rsa-2048,30',
      'ledger,service,"URI:spiffe://example.org/ledger,DNS:ledger.internal",,',
    ].join('\n');
    const m = parseBatchManifest(csv, defaults);
    expect(m.fileError).toBeNull();
    expect(m.format).toBe('csv');
    expect(m.rows.map((r) => r.errors)).toEqual([[], [], []]);
    expect(m.rows[0]?.row).toEqual({
      name: 'user-service',
      profile: 'server',
      sans: [
        { type: 'dns', value: 'user-service' },
        { type: 'dns', value: 'user-service.internal' },
        { type: 'ip', value: '127.0.0.1' },
      ],
      key: 'ec-p256',
      days: 90,
    });
    expect(m.rows[1]?.row).toMatchObject({
      name: 'billing-service',
      profile: 'client',
      sans: [],
      key: 'rsa-2048',
      days: 30,
    });
    expect(m.rows[2]?.row).toMatchObject({ key: 'ec-p256', days: 397 });
  });

  it('reads the JSON contract', () => {
    const json = JSON.stringify([
      {
        name: 'a.internal',
        profile: 'server',
        sans: ['DNS:a.internal', 'IP:10.0.0.7'],
        key: 'ec-p384',
        days: 30,
      },
    ]);
    const m = parseBatchManifest(json, defaults);
    expect(m.format).toBe('json');
    expect(m.rows[0]?.row?.sans).toHaveLength(2);
    expect(m.rows[0]?.row?.key).toBe('ec-p384');
  });

  it('keeps good rows and names what is wrong with each bad row', () => {
    const csv = [
      'name,profile,sans,key,days',
      'good,server,DNS:good.internal,ec-p256,30',
      ',server,DNS:x.internal,ec-p256,30',
      'bad-profile,webserver,DNS:y.internal,ec-p256,30',
      'bad-san,server,"DNS:a..b,IP:300.1.1.1",ec-p256,30',
      'bad-key,client,,dsa-1024,30',
      'bad-days,client,,ec-p256,1.5',
      'no-san,server,,ec-p256,30',
      'good,client,,ec-p256,30',
      'short,client',
    ].join('\n');
    const rows = parseBatchManifest(csv, defaults).rows;
    expect(rows[0]?.row).not.toBeNull();
    expect(rows[1]?.errors.join()).toMatch(/name is empty/);
    expect(rows[2]?.errors.join()).toMatch(/profile "webserver"/);
    expect(rows[3]?.errors.join()).toMatch(/a\.\.b/);
    expect(rows[3]?.errors.join()).toMatch(/300\.1\.1\.1/);
    expect(rows[4]?.errors.join()).toMatch(/key "dsa-1024"/);
    expect(rows[5]?.errors.join()).toMatch(/days "1.5"/);
    expect(rows[6]?.errors.join()).toMatch(/needs at least one SAN/);
    expect(rows[7]?.errors.join()).toMatch(/duplicates row 1/);
    expect(rows[8]?.errors.join()).toMatch(/expected 5 fields, found 2/);
    expect(rows.slice(1).every((r) => r.row === null)).toBe(true);
  });

  it('refuses a wrong header or a non-array JSON as a file error', () => {
    expect(parseBatchManifest('cn,profile\nx,server', defaults).fileError).toMatch(/header must be exactly/);
    expect(parseBatchManifest('[{"name": ', defaults).fileError).toMatch(/not valid JSON/);
    expect(parseBatchManifest('{"name":"x"}', defaults).fileError).toMatch(/header|array/);
    expect(parseBatchManifest('name,profile,sans,key,days\n', defaults).fileError).toMatch(/no rows/);
  });

  it('splits CSV fields with escaped quotes', () => {
    expect(splitCsvLine('a,"b,c","d ""e"""')).toEqual(['a', 'b,c', 'd "e"']);
  });
});
