import { describe, expect, it } from 'vitest';
import { createDialogHandlers, type ChooseFileRequest, type DialogsPort } from './dialogs-port';
import { GrantStore } from './grants';

describe('dialog:saveFile', () => {
  it('suggests only a file name: a renderer cannot point the save dialog at an existing file elsewhere', async () => {
    const asked: ChooseFileRequest[] = [];
    const dialogs: DialogsPort = {
      chooseFile: (request) => {
        asked.push(request);
        return Promise.resolve(null);
      },
      chooseFolder: () => Promise.resolve(null),
      confirm: () => Promise.resolve(false),
    };
    const handlers = createDialogHandlers(dialogs, new GrantStore());
    for (const defaultName of ['/home/operator/.ssh/authorized_keys', '../../.bashrc', 'root.crl'])
      await handlers['dialog:saveFile']({ title: 'Save CRL', defaultName });
    expect(asked.map((r) => r.saveAs)).toEqual(['authorized_keys', '.bashrc', 'root.crl']);
  });
});
