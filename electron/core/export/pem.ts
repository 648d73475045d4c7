/** PEM blocks by label for export and the mTLS check, on the engine's one PEM codec (core/pki/pem.ts). */
import { AppError, isAppError } from '../../../shared/ipc/error-codes';
import { parsePemBundle } from '../pki/pem';
import type { PemBlock } from '../pki/types';

export { toPem } from '../pki/pem';

/** Exactly the blocks with `label`; throws INVALID_PEM naming `what` when there are none or the text is damaged. */
export function pemBlocksOf(text: string, label: string, what: string): Uint8Array[] {
  let blocks: PemBlock[];
  try {
    blocks = parsePemBundle(text);
  } catch (e) {
    // text without any PEM block gets the message below; a damaged block says what is wrong with it
    if (isAppError(e) && text.includes('-----BEGIN'))
      throw new AppError('INVALID_PEM', `${what}: ${e.message}`);
    blocks = [];
  }
  const ders = blocks.filter((b) => b.label === label).map((b) => b.der);
  if (ders.length === 0) throw new AppError('INVALID_PEM', `${what}: no "${label}" PEM block found`);
  return ders;
}
