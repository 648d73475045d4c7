import type {
  BaseWindow,
  Dialog,
  MessageBoxOptions,
  OpenDialogOptions,
  OpenDialogReturnValue,
  SaveDialogOptions,
} from 'electron';
import type {
  ChooseFileRequest,
  ChooseFolderRequest,
  ConfirmRequest,
  DialogsPort,
} from '../service/dialogs-port';

/** The native dialog options: one existing file, or one folder the app may create. */
export function openFileOptions(request: ChooseFileRequest): OpenDialogOptions {
  return {
    title: request.title,
    properties: ['openFile', 'dontAddToRecent'],
    filters: [...(request.filters ?? []), { name: 'All files', extensions: ['*'] }],
  };
}

export function saveFileOptions(request: ChooseFileRequest): SaveDialogOptions {
  return {
    title: request.title,
    defaultPath: request.saveAs ?? '',
    properties: ['createDirectory', 'showOverwriteConfirmation', 'dontAddToRecent'],
    filters: [...(request.filters ?? []), { name: 'All files', extensions: ['*'] }],
  };
}

export function chooseFolderOptions(request: ChooseFolderRequest): OpenDialogOptions {
  return {
    title: request.title,
    properties:
      request.purpose === 'write-folder'
        ? ['openDirectory', 'createDirectory', 'dontAddToRecent']
        : ['openDirectory', 'dontAddToRecent'],
  };
}

/** Cancel is the default and the Escape answer, so a stray Enter never confirms a dangerous action. */
export function confirmOptions(request: ConfirmRequest): MessageBoxOptions {
  return {
    type: 'warning',
    title: 'CertDesk',
    message: request.message,
    ...(request.detail ? { detail: request.detail } : {}),
    buttons: ['Cancel', request.confirmLabel],
    defaultId: 0,
    cancelId: 0,
    noLink: true,
  };
}

/** A cancelled dialog is a normal answer (null), not an error. */
export function firstPath(result: OpenDialogReturnValue): string | null {
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/**
 * main's dialogs for the service, modal to the main window. The paths chosen become grants in the service;
 * the renderer only ever receives their ids (and the path, for display).
 */
export function createElectronDialogs(
  dialog: Pick<Dialog, 'showOpenDialog' | 'showSaveDialog' | 'showMessageBox'>,
  parentWindow: () => BaseWindow | null,
): DialogsPort {
  const open = async (options: OpenDialogOptions): Promise<string | null> => {
    const parent = parentWindow();
    return firstPath(
      parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options),
    );
  };
  return {
    chooseFile: async (request) => {
      if (request.saveAs === undefined) return open(openFileOptions(request));
      const parent = parentWindow();
      const options = saveFileOptions(request);
      const r = parent ? await dialog.showSaveDialog(parent, options) : await dialog.showSaveDialog(options);
      return r.canceled || !r.filePath ? null : r.filePath;
    },
    chooseFolder: (request) => open(chooseFolderOptions(request)),
    confirm: async (request) => {
      const parent = parentWindow();
      const options = confirmOptions(request);
      const r = parent ? await dialog.showMessageBox(parent, options) : await dialog.showMessageBox(options);
      return r.response === 1;
    },
  };
}
