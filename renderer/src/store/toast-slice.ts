import type { StateCreator } from 'zustand';
import type { Toast, ToastKind } from '../components/Toasts';

export interface ToastSlice {
  toasts: Toast[];
  /** Shows a result notification; success/info ones disappear after `ttlMs` (default 6 s), errors stay until dismissed. */
  pushToast: (kind: ToastKind, message: string, ttlMs?: number) => void;
  dismissToast: (id: number) => void;
  /** navigator.clipboard write with a toast either way; `label` names what was copied */
  copyText: (text: string, label: string) => Promise<void>;
}

let nextToastId = 1;

export const createToastSlice: StateCreator<ToastSlice, [], [], ToastSlice> = (set, get) => ({
  toasts: [],
  pushToast: (kind, message, ttlMs = 6000) => {
    const id = nextToastId++;
    // Keep the last few only: a burst of results must not cover the screen.
    set({ toasts: [...get().toasts.slice(-3), { id, kind, message }] });
    if (kind !== 'error') setTimeout(() => get().dismissToast(id), ttlMs);
  },
  dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
  copyText: async (text, label) => {
    try {
      await navigator.clipboard.writeText(text);
      get().pushToast('success', `${label} copied to the clipboard`);
    } catch {
      get().pushToast(
        'error',
        `Could not write to the clipboard: select the ${label} text and copy it by hand.`,
      );
    }
  },
});
