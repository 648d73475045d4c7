import { describe, expect, it } from 'vitest';
import { bytesToBase64, droppedFileToText } from './file-drop';

describe('dropped file to inspect text', () => {
  it('passes PEM text through unchanged', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(droppedFileToText(new TextEncoder().encode(pem))).toBe(pem);
  });

  it('sends binary DER as base64 of the exact bytes', () => {
    const der = new Uint8Array([0x30, 0x82, 0x01, 0x0a, 0x00, 0xff]);
    expect(droppedFileToText(der)).toBe(Buffer.from(der).toString('base64'));
  });

  it('encodes files larger than one chunk', () => {
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });
});
