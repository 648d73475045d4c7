import type { BaseWindow, Dialog, OpenDialogOptions, OpenDialogReturnValue } from 'electron';
import type { Handlers, ParsedInput } from '../../shared/ipc/contract';

export type DialogHandlers = Pick<Handlers, 'dialog:openFile' | 'dialog:chooseFolder'>;

/** The native dialog options for each channel: one existing file, or one folder the app may create. */
export function openFileOptions(input: ParsedInput<'dialog:openFile'>): OpenDialogOptions {
  return {
    title: input.title ?? 'Choose a file',
    properties: ['openFile', 'dontAddToRecent'],
    filters: [...(input.filters ?? []), { name: 'All files', extensions: ['*'] }],
  };
}

export function chooseFolderOptions(input: ParsedInput<'dialog:chooseFolder'>): OpenDialogOptions {
  return {
    title: input.title ?? 'Choose a folder',
    properties: ['openDirectory', 'createDirectory', 'dontAddToRecent'],
  };
}

/** A cancelled dialog is a normal answer (`path: null`), not an error. */
export function firstPath(result: OpenDialogReturnValue): { path: string | null } {
  return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
}

/**
 * Implements the two front-end channels with native dialogs, modal to the main window. The renderer only
 * ever learns the path the operator picked.
 */
export function createDialogHandlers(
  dialog: Pick<Dialog, 'showOpenDialog'>,
  parentWindow: () => BaseWindow | null,
): DialogHandlers {
  const show = async (options: OpenDialogOptions): Promise<{ path: string | null }> => {
    const parent = parentWindow();
    return firstPath(
      parent ? await dialog.showOpenDialog(parent, options) : await dialog.showOpenDialog(options),
    );
  };
  return {
    'dialog:openFile': (input) => show(openFileOptions(input)),
    'dialog:chooseFolder': (input) => show(chooseFolderOptions(input)),
  };
}
