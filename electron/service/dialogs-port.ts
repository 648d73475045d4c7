import type { Handlers } from '../../shared/ipc/contract';
import type { PathChoice, PathPurpose } from '../../shared/ipc/path-grants';
import type { GrantStore } from './grants';

export interface FileFilter {
  name: string;
  extensions: string[];
}

export interface ChooseFileRequest {
  purpose: PathPurpose;
  title: string;
  filters?: FileFilter[];
  /** a save dialog (the file may not exist yet) with this suggested name */
  saveAs?: string;
}

export interface ChooseFolderRequest {
  purpose: PathPurpose;
  title: string;
}

export interface ConfirmRequest {
  /** names exactly what will happen, with the paths and certificates involved */
  message: string;
  /** the consequence, in a sentence or two */
  detail?: string;
  /** the label of the button that goes ahead (the safe choice, Cancel, is the default) */
  confirmLabel: string;
}

/**
 * What main's native dialogs answer. Electron implements it with `dialog.showOpenDialog` /
 * `showSaveDialog` / `showMessageBox`; the e2e harness with test-controlled answers; the CLI, whose
 * operator consents with flags on the command line, answers every confirmation yes and opens no dialog.
 * A path the port returns becomes a grant; a "yes" is the only way a dangerous choice goes ahead.
 */
export interface DialogsPort {
  chooseFile(request: ChooseFileRequest): Promise<string | null>;
  chooseFolder(request: ChooseFolderRequest): Promise<string | null>;
  confirm(request: ConfirmRequest): Promise<boolean>;
}

/** Where no operator can be asked (unit tests, benches): every dialog is cancelled, every question is "no". */
export const NO_DIALOGS: DialogsPort = {
  chooseFile: () => Promise.resolve(null),
  chooseFolder: () => Promise.resolve(null),
  confirm: () => Promise.resolve(false),
};

export type DialogChannels = 'dialog:openFile' | 'dialog:chooseFolder' | 'dialog:saveFile';

const DEFAULT_TITLES: Record<PathPurpose, string> = {
  'read-file': 'Choose a file to read',
  'read-folder': 'Choose a folder to read',
  'write-folder': 'Choose a folder to write into',
  'write-file': 'Save as',
  'open-vault': 'Open a vault',
  'restore-vault': 'Choose the vault backup to restore',
};

/**
 * The file name part of the renderer's suggestion: the native dialog takes a full path as where to start,
 * and the renderer must not steer it to an existing file elsewhere (say ~/.ssh) under a title of its choosing.
 */
function suggestedName(defaultName: string | undefined): string {
  const name = defaultName?.split(/[\\/]/).pop() ?? '';
  return name === '.' || name === '..' ? '' : name;
}

/**
 * The dialog channels: main shows its own dialog and answers with an opaque grant for the chosen path.
 * The renderer may suggest a title and filters; the purpose decides what the grant can be used for.
 */
export function createDialogHandlers(
  dialogs: DialogsPort,
  grants: GrantStore,
): Pick<Handlers, DialogChannels> {
  const choice = (path: string | null, purpose: PathPurpose): PathChoice =>
    path ? { grant: grants.issue(path, purpose), path } : { grant: null, path: null };
  return {
    'dialog:openFile': async ({ purpose, title, filters }) =>
      choice(
        await dialogs.chooseFile({
          purpose,
          title: title ?? DEFAULT_TITLES[purpose],
          ...(filters ? { filters } : {}),
        }),
        purpose,
      ),
    'dialog:saveFile': async ({ title, defaultName, filters }) =>
      choice(
        await dialogs.chooseFile({
          purpose: 'write-file',
          title: title ?? DEFAULT_TITLES['write-file'],
          saveAs: suggestedName(defaultName),
          ...(filters ? { filters } : {}),
        }),
        'write-file',
      ),
    'dialog:chooseFolder': async ({ purpose, title }) =>
      choice(await dialogs.chooseFolder({ purpose, title: title ?? DEFAULT_TITLES[purpose] }), purpose),
  };
}
