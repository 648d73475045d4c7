import { describe, expect, it } from 'vitest';
import { newPassphraseErrors, passphraseStrength } from './passphrase-strength';

describe('passphrase strength hint', () => {
  it('calls anything under 12 characters too short, whatever its mix', () => {
    expect(passphraseStrength('Xy7$Xy7$Xy7').label).toBe('Too short');
  });

  it('rates repeated characters and ascending runs weak even when long', () => {
    expect(passphraseStrength('aaaaaaaaaaaaaaaa').label).toBe('Weak');
    expect(passphraseStrength('abcdefghijklmnop').label).toBe('Weak');
  });

  it('rates a four-word passphrase higher than a twelve-letter one', () => {
    const words = passphraseStrength('correct horse battery staple');
    const short = passphraseStrength('qwertzuiopas');
    expect(words.score).toBeGreaterThan(short.score);
    expect(words.label).toBe('Strong');
  });
});

describe('create-vault field errors', () => {
  it('names the length rule and a mismatch separately', () => {
    expect(newPassphraseErrors('short', 'short')).toEqual({
      passphrase: 'The passphrase needs at least 12 characters (it has 5).',
      confirm: null,
    });
    expect(newPassphraseErrors('long enough passphrase', 'long enough passphrasE').confirm).toMatch(/differ/);
    expect(newPassphraseErrors('long enough passphrase', 'long enough passphrase')).toEqual({
      passphrase: null,
      confirm: null,
    });
  });
});
