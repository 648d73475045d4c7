/** A serial as typed by an operator (`0A:1B…`, `0a1b…`, `0x0a1b`) → lower-case hex without leading zeros; null if not hex. */
export function normaliseSerialText(text: string): string | null {
  const hex = text.trim().replace(/^0x/i, '').replace(/:/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex) || hex.length < 2) return null;
  return hex.replace(/^0+(?=.)/, '');
}
