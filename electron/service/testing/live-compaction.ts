import { openVault } from '../../core/vault';
import { Inventory } from '../inventory';
import { record, RECORD } from '../records';
import { PASSPHRASE } from './service-fixture';

/**
 * Opens a locked vault as the app does and makes its next write compact it from the live inventory (here after
 * one frame instead of thousands): the write is a settings record with `crlNextUpdateDays` set. Throws unless
 * the write made a new generation.
 */
export async function compactFromLiveState(vaultPath: string, crlNextUpdateDays = 3): Promise<void> {
  let inventory: Inventory | null = null;
  const opened = await openVault(vaultPath, PASSPHRASE, {
    // before the inventory is loaded: undefined, and a compaction keeps the records as they are
    liveSnapshot: () => inventory?.snapshot(),
    autoCompactFrames: 1,
  });
  try {
    inventory = Inventory.replay(opened.records);
    const settings = record(RECORD.settings, { ...inventory.settings, crlNextUpdateDays });
    const generation = opened.vault.info().generation;
    await opened.vault.append([settings]);
    inventory.apply(settings);
    if (opened.vault.info().generation !== generation + 1)
      throw new Error('the write did not compact the vault from its live state');
  } finally {
    await opened.vault.lock();
  }
}
