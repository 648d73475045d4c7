import type { OpenDialogOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { chooseFolderOptions, createDialogHandlers, firstPath, openFileOptions } from './dialogs';

describe('dialog options', () => {
  it('opens one existing file with the caller filters plus All files', () => {
    const options = openFileOptions({
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

  it('chooses one folder and may create it', () => {
    const options = chooseFolderOptions({});
    expect(options.properties).toEqual(expect.arrayContaining(['openDirectory', 'createDirectory']));
    expect(options.properties).not.toContain('openFile');
  });

  it('answers null for a cancelled dialog and the first path otherwise', () => {
    expect(firstPath({ canceled: true, filePaths: [] })).toEqual({ path: null });
    expect(firstPath({ canceled: false, filePaths: ['/tmp/a.pem'] })).toEqual({ path: '/tmp/a.pem' });
  });
});

describe('createDialogHandlers', () => {
  it('shows the dialog modal to the main window and returns the chosen path', async () => {
    const shown: unknown[][] = [];
    const dialog = {
      showOpenDialog: async (...args: unknown[]) => {
        shown.push(args);
        return { canceled: false, filePaths: ['/home/op/out'] };
      },
    };
    const parent = { id: 1 };
    const handlers = createDialogHandlers(
      dialog,
      () => parent as unknown as ReturnType<Parameters<typeof createDialogHandlers>[1]>,
    );
    expect(await handlers['dialog:chooseFolder']({ title: 'Export to' })).toEqual({ path: '/home/op/out' });
    expect(shown[0]?.[0]).toBe(parent);
    expect((shown[0]?.[1] as OpenDialogOptions).title).toBe('Export to');
  });
});
