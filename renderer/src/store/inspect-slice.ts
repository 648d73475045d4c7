import type { StateCreator } from 'zustand';
import type { InspectResult } from '../../../shared/ipc/contract';
import type { Result } from '../../../shared/result';
import type { PathChoice } from '../../../shared/ipc/path-grants';
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
  /** a file chosen in main's dialog (its single-use grant) */
  inspectFile: (file: PathChoice, passphrase?: string) => Promise<void>;
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
    inspectFile: (file, passphrase) =>
      run(file.path ?? 'Chosen file', () =>
        api().inspect.file({ fileGrant: file.grant ?? '', ...(passphrase ? { passphrase } : {}) }),
      ),
    clearInspect: () =>
      set({ inspectResult: null, inspectSource: null, inspectError: null, inspecting: false }),
  };
};
