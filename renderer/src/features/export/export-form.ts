/**
 * The export dialog's form → export:bundle input, with the reason for each block. Keys are encrypted by
 * default; an unencrypted key needs two separate acts (the checkbox and the confirmation), as product.md §7 asks.
 */
import type { ChannelInput } from '../../../../shared/ipc/contract';
import type { PathChoice } from '../../../../shared/ipc/path-grants';

export type P12Choice = 'none' | 'modern' | 'legacy';

export interface ExportForm {
  /** the folder chosen in main's dialog (a single-use grant), null until chosen */
  folder: PathChoice | null;
  passphrase: string;
  passphraseAgain: string;
  /** main makes the passphrase and shows it once in its own box; the fields above are then unused */
  generatePassphrase: boolean;
  unencrypted: boolean;
  confirmUnencrypted: boolean;
  p12: P12Choice;
  includeCrl: boolean;
}

export const EMPTY_EXPORT_FORM: ExportForm = {
  folder: null,
  passphrase: '',
  passphraseAgain: '',
  generatePassphrase: false,
  unencrypted: false,
  confirmUnencrypted: false,
  p12: 'none',
  includeCrl: false,
};

/** Short export passphrases are brute-forced offline from a lost USB stick; 12 matches the vault's minimum. */
export const MIN_EXPORT_PASSPHRASE = 12;

export type ExportErrors = Partial<
  Record<'folder' | 'passphrase' | 'passphraseAgain' | 'confirmUnencrypted' | 'p12', string>
>;

/** `withKeys`: at least one selected certificate has its key in the vault (otherwise no key is written). */
export function exportErrors(f: ExportForm, withKeys: boolean): ExportErrors {
  const e: ExportErrors = {};
  if (!f.folder?.grant) e.folder = 'Choose the folder to export into (e.g. the USB stick)';
  const needsPassphrase = (withKeys && !f.unencrypted) || f.p12 !== 'none';
  if (needsPassphrase && !f.generatePassphrase) {
    if (f.passphrase.length < MIN_EXPORT_PASSPHRASE)
      e.passphrase = `Use an export passphrase of at least ${MIN_EXPORT_PASSPHRASE} characters`;
    else if (f.passphrase !== f.passphraseAgain) e.passphraseAgain = 'The two passphrases differ';
  }
  if (withKeys && f.unencrypted && !f.confirmUnencrypted)
    e.confirmUnencrypted = 'Confirm that you accept writing the private key unencrypted';
  if (f.p12 !== 'none' && !withKeys)
    e.p12 = 'PKCS#12 needs a private key; none of the selected certificates has one in the vault';
  return e;
}

export type ExportInput = ChannelInput<'export:bundle'>;

/**
 * `overwrite` is always asked for: main replaces only a previous CertDesk export of the same certificate,
 * and only after its own box says which folder will be replaced.
 */
export function exportInput(ids: readonly string[], f: ExportForm, withKeys: boolean): ExportInput {
  const usePassphrase = (withKeys && !f.unencrypted) || f.p12 !== 'none';
  return {
    ids: [...ids],
    folderGrant: f.folder?.grant ?? '',
    ...(usePassphrase
      ? f.generatePassphrase
        ? { generatePassphrase: true }
        : { keyPassphrase: f.passphrase }
      : {}),
    ...(withKeys && f.unencrypted ? { unencryptedKeys: true, confirmUnencrypted: f.confirmUnencrypted } : {}),
    ...(f.p12 !== 'none' ? { p12: f.p12 } : {}),
    ...(f.includeCrl ? { includeCrl: true } : {}),
    overwrite: true,
  };
}

/**
 * True when main always shows its own box before writing: the generated passphrase it shows once, or its
 * question about unencrypted keys. The Export button then reads "Export…", as commands that ask more do.
 */
export function mainAsksBeforeExport(f: ExportForm, withKeys: boolean): boolean {
  const input = exportInput([], f, withKeys);
  return input.generatePassphrase === true || input.unencryptedKeys === true;
}
