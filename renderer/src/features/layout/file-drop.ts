/** Base64 of raw bytes, chunked so a multi-megabyte file does not overflow the argument stack. */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000)
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/** Label for armoured binary drops: not a known PEM label, so main classifies the DER by its shape. */
export const DROPPED_DER_LABEL = 'DER FILE';

/**
 * Text for inspect:text from a dropped file: PEM (any "-----BEGIN" text) is sent as is; anything else
 * (DER certificate, CRL, CSR, PKCS#12) is base64-armoured as one PEM block, because inspect:text takes
 * text and main's PEM reader then recognises the DER inside by its ASN.1 shape.
 */
export function droppedFileToText(bytes: Uint8Array): string {
  const head = new TextDecoder('utf-8', { fatal: false }).decode(
    bytes.subarray(0, Math.min(bytes.length, 4096)),
  );
  if (head.includes('-----BEGIN')) return new TextDecoder().decode(bytes);
  const lines = bytesToBase64(bytes).match(/.{1,64}/g) ?? [];
  return `-----BEGIN ${DROPPED_DER_LABEL}-----\n${lines.join('\n')}\n-----END ${DROPPED_DER_LABEL}-----\n`;
}
