import { describe, expect, it } from 'vitest';
import { bytesToBase64, droppedFileToText } from './file-drop';

describe('dropped file to inspect text', () => {
  it('passes PEM text through unchanged', () => {
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
    expect(droppedFileToText(new TextEncoder().encode(pem))).toBe(pem);
  });

  it('armours binary DER as one PEM block holding the exact bytes', () => {
    const der = new Uint8Array(100).map((_, i) => (i * 7) % 256);
    const text = droppedFileToText(der);
    const m = /^-----BEGIN DER FILE-----\n([\s\S]+)\n-----END DER FILE-----\n$/.exec(text);
    expect(m).not.toBeNull();
    expect(m![1]!.split('\n').every((l) => l.length <= 64)).toBe(true);
    expect(Buffer.from(m![1]!.replace(/\n/g, ''), 'base64')).toEqual(Buffer.from(der));
  });

  it('encodes files larger than one chunk', () => {
    const big = new Uint8Array(100_000).map((_, i) => i % 256);
    expect(bytesToBase64(big)).toBe(Buffer.from(big).toString('base64'));
  });
});
