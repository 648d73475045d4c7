import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: the operator copies it by hand from main's box. 31 symbols, about 4.95 bits each. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 5;
const GROUP_LENGTH = 4;

/**
 * A passphrase for exported keys, made in main: 20 CSPRNG symbols (about 99 bits; offline attacks on a
 * stolen key file cost one PBKDF2 run per guess) in groups of four, e.g. `K7QM-2XHV-9TCW-PD4R-JN8F`.
 * Never logged and never sent to the renderer.
 */
export function DANGEROUS_generateExportPassphrase(): string {
  const groups: string[] = [];
  for (let g = 0; g < GROUPS; g++) {
    let group = '';
    for (let i = 0; i < GROUP_LENGTH; i++) group += ALPHABET[randomInt(ALPHABET.length)];
    groups.push(group);
  }
  return groups.join('-');
}
