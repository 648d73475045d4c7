import { describe, expect, it } from 'vitest';
import { READ_ONLY_REASON, readOnlyRefusal } from './read-only';

describe('commands while the vault is read-only', () => {
  it('refuses the commands that start a change, with the reason the disabled buttons give', () => {
    expect(readOnlyRefusal('issue', true)).toBe(READ_ONLY_REASON);
    expect(readOnlyRefusal('import', true)).toBe(READ_ONLY_REASON);
    expect(READ_ONLY_REASON).toMatch(/^Vault is read-only/);
  });

  it('lets navigation, search, export, lock and help run, and refuses nothing in a writable vault', () => {
    for (const command of ['go:issue', 'go:batch', 'go:authorities', 'find', 'lock', 'shortcuts'] as const)
      expect(readOnlyRefusal(command, true), command).toBeNull();
    for (const command of ['export', 'lock', 'about', 'new-vault', 'open-vault'] as const)
      expect(readOnlyRefusal(command, true), command).toBeNull();
    expect(readOnlyRefusal('issue', false)).toBeNull();
    expect(readOnlyRefusal('import', false)).toBeNull();
  });
});
