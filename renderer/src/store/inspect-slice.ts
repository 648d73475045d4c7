import type { StateCreator } from 'zustand';
import type { InspectResult } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/result';
import { api } from '../lib/api';
import type { AppState } from './index';

/**
 * Result of inspecting an external file. Only the decoded, public result is kept: the input text (which may
 * be a PKCS#12 with a key) and its passphrase stay arguments of the actions.
 */
export interface InspectSlice {
  inspectResult: InspectResult | null;
  inspectSource: string | null;
  inspectError: string | null;
  inspecting: boolean;
  inspectText: (text: string, source: string, passphrase?: string) => Promise<void>;
  inspectPath: (path: string, passphrase?: string) => Promise<void>;
  clearInspect: () => void;
}

export const createInspectSlice: StateCreator<AppState, [], [], InspectSlice> = (set) => {
  const run = async (source: string, call: () => Promise<Result<InspectResult>>): Promise<void> => {
    set({ inspecting: true, inspectError: null, inspectSource: source });
    const r = await call();
    set(
      r.ok
        ? { inspecting: false, inspectResult: r.value }
        : { inspecting: false, inspectResult: null, inspectError: r.error.message },
    );
  };
  return {
    inspectResult: null,
    inspectSource: null,
    inspectError: null,
    inspecting: false,
    inspectText: (text, source, passphrase) =>
      run(source, () => api().inspect.text(passphrase ? { text, passphrase } : { text })),
    inspectPath: (path, passphrase) =>
      run(path, () => api().inspect.file(passphrase ? { path, passphrase } : { path })),
    clearInspect: () =>
      set({ inspectResult: null, inspectSource: null, inspectError: null, inspecting: false }),
  };
};
