// Sandboxed preload: exposes only the namespaced API built from the channel list, never ipcRenderer itself.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { CHANNELS, EVENTS } from '../../shared/ipc/channels';
import { buildCertDeskApi } from '../../shared/ipc/build-api';

const api = buildCertDeskApi(
  CHANNELS,
  (channel, payload) => ipcRenderer.invoke(channel, payload),
  (event, listener) => {
    if (!(EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown event: ${event}`);
    const wrapped = (_e: IpcRendererEvent, payload: unknown): void => listener(payload);
    ipcRenderer.on(event, wrapped);
    return () => ipcRenderer.removeListener(event, wrapped);
  },
);

contextBridge.exposeInMainWorld('certdesk', api);
