import { describe, expect, it } from 'vitest';
import {
  EMPTY_EXPORT_FORM,
  exportErrors,
  exportInput,
  mainAsksBeforeExport,
  type ExportForm,
} from './export-form';

const form = (over: Partial<ExportForm> = {}): ExportForm => ({
  ...EMPTY_EXPORT_FORM,
  folder: { grant: 'g1', path: '/media/usb' },
  ...over,
});
const pass = 'correct horse battery';

describe('export form', () => {
  it('asks for a folder and, for certificates with keys, a passphrase typed twice', () => {
    expect(exportErrors({ ...EMPTY_EXPORT_FORM }, true)).toMatchObject({
      folder: expect.stringMatching(/folder/),
      passphrase: expect.stringMatching(/at least 12/),
    });
    expect(exportErrors(form({ passphrase: pass, passphraseAgain: 'other passphrase' }), true)).toEqual({
      passphraseAgain: 'The two passphrases differ',
    });
    expect(exportErrors(form({ passphrase: pass, passphraseAgain: pass }), true)).toEqual({});
  });

  it('asks main to generate the passphrase instead of reading the fields when the operator chooses so', () => {
    const generated = form({ generatePassphrase: true, p12: 'modern' });
    expect(exportErrors(generated, true)).toEqual({});
    expect(exportInput(['a'], generated, true)).toEqual({
      ids: ['a'],
      folderGrant: 'g1',
      generatePassphrase: true,
      p12: 'modern',
      overwrite: true,
    });
  });

  it('needs no passphrase when no selected certificate has a key', () => {
    expect(exportErrors(form(), false)).toEqual({});
    expect(exportInput(['a'], form(), false)).toEqual({ ids: ['a'], folderGrant: 'g1', overwrite: true });
  });

  it('writes an unencrypted key only after the second, explicit confirmation', () => {
    expect(exportErrors(form({ unencrypted: true }), true)).toEqual({
      confirmUnencrypted: expect.stringMatching(/Confirm/),
    });
    const f = form({ unencrypted: true, confirmUnencrypted: true });
    expect(exportErrors(f, true)).toEqual({});
    expect(exportInput(['a'], f, true)).toEqual({
      ids: ['a'],
      folderGrant: 'g1',
      unencryptedKeys: true,
      confirmUnencrypted: true,
      overwrite: true,
    });
  });

  it('protects a PKCS#12 file with the export passphrase even when PEM keys go out unencrypted', () => {
    const f = form({ unencrypted: true, confirmUnencrypted: true, p12: 'legacy' });
    expect(exportErrors(f, true)).toMatchObject({ passphrase: expect.any(String) });
    const ok = { ...f, passphrase: pass, passphraseAgain: pass };
    expect(exportInput(['a'], ok, true)).toEqual({
      ids: ['a'],
      folderGrant: 'g1',
      keyPassphrase: pass,
      unencryptedKeys: true,
      confirmUnencrypted: true,
      p12: 'legacy',
      overwrite: true,
    });
  });

  it('refuses PKCS#12 when there is no key to put in it', () => {
    expect(exportErrors(form({ p12: 'modern', passphrase: pass, passphraseAgain: pass }), false).p12).toMatch(
      /needs a private key/,
    );
  });

  it('knows when main will ask in its own box before writing, so the button can say "Export…"', () => {
    expect(mainAsksBeforeExport(form({ passphrase: pass, passphraseAgain: pass }), true)).toBe(false);
    expect(mainAsksBeforeExport(form(), false)).toBe(false);
    expect(mainAsksBeforeExport(form({ generatePassphrase: true }), true)).toBe(true);
    expect(mainAsksBeforeExport(form({ unencrypted: true }), true)).toBe(true);
    // Without a key nothing is written unencrypted, so main has nothing to ask.
    expect(mainAsksBeforeExport(form({ unencrypted: true }), false)).toBe(false);
  });
});
