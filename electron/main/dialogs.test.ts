import type { MessageBoxOptions, OpenDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import {
  chooseFolderOptions,
  confirmOptions,
  createElectronDialogs,
  firstPath,
  openFileOptions,
} from './dialogs';

describe('dialog options', () => {
  it('opens one existing file with the caller filters plus All files', () => {
    const options = openFileOptions({
      purpose: 'read-file',
      title: 'Import CA',
      filters: [{ name: 'PEM', extensions: ['pem', 'crt'] }],
    });
    expect(options.title).toBe('Import CA');
    expect(options.properties).toContain('openFile');
    expect(options.properties).not.toContain('multiSelections');
    expect(options.filters).toEqual([
      { name: 'PEM', extensions: ['pem', 'crt'] },
      { name: 'All files', extensions: ['*'] },
    ]);
  });

  it('chooses one folder and may create it only when it is a write target', () => {
    const write = chooseFolderOptions({ purpose: 'write-folder', title: 'Export to' });
    expect(write.properties).toEqual(expect.arrayContaining(['openDirectory', 'createDirectory']));
    expect(write.properties).not.toContain('openFile');
    expect(chooseFolderOptions({ purpose: 'read-folder', title: 'Import' }).properties).not.toContain(
      'createDirectory',
    );
  });

  it('makes Cancel the default and the escape answer of a confirmation', () => {
    const options = confirmOptions({ message: 'Replace /x?', confirmLabel: 'Replace' });
    expect(options.buttons).toEqual(['Cancel', 'Replace']);
    expect(options.defaultId).toBe(0);
    expect(options.cancelId).toBe(0);
    expect(options.message).toBe('Replace /x?');
  });

  it('answers null for a cancelled dialog and the first path otherwise', () => {
    expect(firstPath({ canceled: true, filePaths: [] })).toBeNull();
    expect(firstPath({ canceled: false, filePaths: ['/tmp/a.pem'] })).toBe('/tmp/a.pem');
  });
});

describe('createElectronDialogs', () => {
  const parent = { id: 1 };
  const parentWindow = (): ReturnType<Parameters<typeof createElectronDialogs>[1]> =>
    parent as unknown as ReturnType<Parameters<typeof createElectronDialogs>[1]>;

  it('shows the folder dialog modal to the main window and returns the chosen path', async () => {
    const shown: unknown[][] = [];
    const dialog = {
      showOpenDialog: async (...args: unknown[]) => {
        shown.push(args);
        return { canceled: false, filePaths: ['/home/op/out'] };
      },
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async () => ({ response: 0, checkboxChecked: false }),
    };
    const dialogs = createElectronDialogs(dialog as never, parentWindow);
    expect(await dialogs.chooseFolder({ purpose: 'write-folder', title: 'Export to' })).toBe('/home/op/out');
    expect(shown[0]?.[0]).toBe(parent);
    expect((shown[0]?.[1] as OpenDialogOptions).title).toBe('Export to');
  });

  it('confirms only when the operator presses the action button, never on Cancel', async () => {
    let response = 0;
    const boxes: MessageBoxOptions[] = [];
    const dialog = {
      showOpenDialog: async () => ({ canceled: true, filePaths: [] }),
      showSaveDialog: async () => ({ canceled: true }),
      showMessageBox: async (_parent: unknown, options: MessageBoxOptions) => {
        boxes.push(options);
        return { response, checkboxChecked: false };
      },
    };
    const dialogs = createElectronDialogs(dialog as never, parentWindow);
    const request = { message: 'Write the UNENCRYPTED key of web to /media/usb?', confirmLabel: 'Write' };
    expect(await dialogs.confirm(request)).toBe(false);
    response = 1;
    expect(await dialogs.confirm(request)).toBe(true);
    expect(boxes[0]?.message).toBe(request.message);
  });
});
