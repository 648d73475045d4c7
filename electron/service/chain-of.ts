import type { Inventory, InventoryEntry } from './inventory';

/** Issuers above a certificate, nearest first, as far as the vault knows them. */
export function issuersOf(inventory: Inventory, entry: InventoryEntry): InventoryEntry[] {
  const out: InventoryEntry[] = [];
  const seen = new Set([entry.summary.id]);
  for (let id = entry.summary.issuerId; id && !seen.has(id);) {
    const e = inventory.entries.get(id);
    if (!e) break;
    out.push(e);
    seen.add(id);
    id = e.summary.issuerId;
  }
  return out;
}
