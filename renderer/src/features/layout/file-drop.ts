/** Base64 of raw bytes, chunked so a multi-megabyte file does not overflow the argument stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * Text for inspect:text from a dropped file: PEM (any "-----BEGIN" text) is sent as is; anything else
 * (DER certificate, CRL, CSR, PKCS#12) is sent as base64 of its bytes, which main decodes.
 */
export function droppedFileToText(bytes: Uint8Array): string {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(bytes.subarray(0, Math.min(bytes.length, 4096)));
  if (head.includes('-----BEGIN')) return new TextDecoder().decode(bytes);
  return bytesToBase64(bytes);
}
