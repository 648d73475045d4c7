import { create } from 'zustand';
import { createSessionSlice, type SessionSlice } from './session-slice';

export type AppState = SessionSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createSessionSlice(...a),
}));
