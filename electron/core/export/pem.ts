/** PEM helpers (RFC 7468): strict enough to reject junk, lenient about line endings. */
import { AppError } from '../../../shared/ipc/error-codes';

export function toPem(label: string, derBytes: Uint8Array): string {
  const b64 = Buffer.from(derBytes).toString('base64');
  const lines = b64.match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${label}-----\n${lines.join('\n')}\n-----END ${label}-----\n`;
}

export interface PemBlock {
  label: string;
  der: Uint8Array;
}

const PEM_RE = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/g;

export function parsePemBlocks(text: string): PemBlock[] {
  const out: PemBlock[] = [];
  for (const m of text.matchAll(PEM_RE)) {
    const body = (m[2] ?? '').replace(/\s+/g, '');
    if (!/^[A-Za-z0-9+/]*={0,2}$/.test(body))
      throw new AppError('INVALID_PEM', `PEM block "${m[1]}" has invalid base64`);
    out.push({ label: m[1] ?? '', der: new Uint8Array(Buffer.from(body, 'base64')) });
  }
  return out;
}

/** Exactly the blocks with `label`; throws INVALID_PEM naming `what` when there are none. */
export function pemBlocksOf(text: string, label: string, what: string): Uint8Array[] {
  const blocks = parsePemBlocks(text).filter((b) => b.label === label);
  if (blocks.length === 0) throw new AppError('INVALID_PEM', `${what}: no "${label}" PEM block found`);
  return blocks.map((b) => b.der);
}

/** Re-encodes PEM or DER certificate input as normalised PEM (one block per certificate). */
export function certToPem(input: string | Uint8Array, what: string): string {
  if (typeof input !== 'string') return toPem('CERTIFICATE', input);
  return pemBlocksOf(input, 'CERTIFICATE', what)
    .map((d) => toPem('CERTIFICATE', d))
    .join('');
}
