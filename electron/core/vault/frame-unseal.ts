import { createDecipheriv } from 'node:crypto';
import { inflateRawSync } from 'node:zlib';

/** Upper bound on read for a sealed body and for inflated JSON, so a hostile length cannot cost gigabytes. */
export const MAX_FRAME_PLAINTEXT = 64 * 2 ** 20;
export const FRAME_HEADER_BYTES = 20;
export const TAG_BYTES = 16;

/** One sealed frame as the scan found it: everything its authentication covers. */
export interface SealedFrame {
  /** the 20-byte frame header (length, flags, nonce) */
  head: Uint8Array;
  aad: Uint8Array;
  ciphertext: Uint8Array;
  tag: Uint8Array;
  /** the body is raw DEFLATE, inflated only once the tag held */
  deflated: boolean;
}

/** A frame's plaintext, or why there is none: its tag failed, or its authenticated body does not inflate. */
export type Unsealed = { plaintext: Buffer } | { failure: 'authentication' | 'data' };

/**
 * Frames inflate to about 2.7 times their deflated size (3.7 at most at 100,000 certificates). An output chunk
 * of four times the input holds nearly every frame whole, so zlib returns it without gathering 16 KiB chunks
 * and copying them together (bench/service-unlock.ts: a third less time inflating a 100,000-certificate vault).
 * A larger frame still inflates, in more chunks.
 */
function inflateFrame(body: Uint8Array): Buffer {
  const chunkSize = Math.min(MAX_FRAME_PLAINTEXT, Math.max(64 * 1024, body.length * 4));
  return inflateRawSync(body, { maxOutputLength: MAX_FRAME_PLAINTEXT, chunkSize });
}

/**
 * Decrypts (AES-256-GCM) and, when deflated, inflates one frame: the one implementation, run on the opening
 * thread or on the frame worker (frame-thread.ts).
 */
export function unsealFrame(key: Uint8Array, frame: SealedFrame): Unsealed {
  let plaintext: Buffer;
  try {
    const d = createDecipheriv('aes-256-gcm', key, frame.head.subarray(8, 20));
    d.setAAD(frame.aad);
    d.setAuthTag(frame.tag);
    const body = d.update(frame.ciphertext);
    const rest = d.final(); // GCM is a stream mode: final() only checks the tag, it returns no bytes
    plaintext = rest.length === 0 ? body : Buffer.concat([body, rest]);
  } catch {
    return { failure: 'authentication' };
  }
  if (!frame.deflated) return { plaintext };
  try {
    // Only after the tag held: nothing unauthenticated reaches the inflater.
    return { plaintext: inflateFrame(plaintext) };
  } catch {
    return { failure: 'data' };
  }
}
