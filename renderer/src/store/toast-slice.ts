import type { StateCreator } from 'zustand';
import type { Toast, ToastKind } from '../components/Toasts';

export interface ToastSlice {
  toasts: Toast[];
  /** Shows a result notification; success/info ones disappear after `ttlMs` (default 6 s), errors stay until dismissed. */
  pushToast: (kind: ToastKind, message: string, ttlMs?: number) => void;
  dismissToast: (id: number) => void;
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
});
