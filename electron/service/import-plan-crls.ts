/**
 * Which CRL numbers of another tool's PKI come across: each CRL of the source continues the numbering of the CA
 * that signed it, when that CA is imported or already in the vault.
 */
import { crlSignedBy, readCrl } from '../core/pki/crl';
import type { ImportSource } from '../core/import';
import type { ImportPreview } from '../../shared/domain/types';
import type { PlannedCert } from './import-plan';
import type { Inventory } from './inventory';

export interface PlannedCrl {
  caId: string;
  number: number;
  thisUpdate: string;
  nextUpdate: string;
  der: Uint8Array;
}

/** Each source CRL continues on the CA that signed it (imported or already in the vault), if it is ahead. */
export function planCrls(
  source: ImportSource,
  all: PlannedCert[],
  inventory: Inventory,
  problems: ImportPreview['problems'],
): PlannedCrl[] {
  const out = new Map<string, PlannedCrl>();
  const candidates = [
    ...all
      .filter((p) => p.facts.isCa && p.item.action !== 'conflict')
      .map((p) => ({ id: p.id, der: p.src.der })),
    ...inventory.cas().map((e) => ({ id: e.summary.id, der: e.der })),
  ];
  for (const c of source.crls) {
    const crl = readCrl(c.der);
    const signer = candidates.find((ca) => crlSignedBy(crl, ca.der));
    if (!signer) {
      const leftOut = all.find(
        (p) => p.facts.isCa && p.leftOutBecause !== undefined && crlSignedBy(crl, p.src.der),
      );
      problems.push({
        item: c.item,
        message: leftOut
          ? `signed by "${leftOut.facts.subject}", a CA left out of this import (${leftOut.leftOutBecause}): ` +
            'its number is ignored'
          : 'no CA in the source or the vault signed this CRL: its number is ignored',
      });
      continue;
    }
    if (c.lastNumber === null) continue;
    if (c.lastNumber > BigInt(Number.MAX_SAFE_INTEGER)) {
      problems.push({
        item: c.item,
        message: `CRL number ${c.lastNumber} is too large to continue: ignored`,
      });
      continue;
    }
    const number = Number(c.lastNumber);
    const known = Math.max(inventory.crls.get(signer.id)?.number ?? 0, out.get(signer.id)?.number ?? 0);
    if (number <= known) continue;
    out.set(signer.id, {
      caId: signer.id,
      number,
      thisUpdate: crl.thisUpdate.toISOString(),
      nextUpdate: (crl.nextUpdate ?? crl.thisUpdate).toISOString(),
      der: c.der,
    });
  }
  return [...out.values()];
}
