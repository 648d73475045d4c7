import { create } from 'zustand';
import { createAuditSlice, type AuditSlice } from './audit-slice';
import { createCertsSlice, type CertsSlice } from './certs-slice';
import { createIssuanceSlice, type IssuanceSlice } from './issuance-slice';
import { createInspectSlice, type InspectSlice } from './inspect-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createSettingsSlice, type SettingsSlice } from './settings-slice';
import { createToastSlice, type ToastSlice } from './toast-slice';
import { createTrackingSlice, type TrackingSlice } from './tracking-slice';
import { createUiSlice, type UiSlice } from './ui-slice';

/** One store made of typed slices (zustand slices pattern). Feature slices register here with one line each. */
export type AppState = SessionSlice &
  CertsSlice &
  SettingsSlice &
  AuditSlice &
  InspectSlice &
  UiSlice &
  ToastSlice &
  IssuanceSlice &
  TrackingSlice;

export const useAppStore = create<AppState>()((...a) => ({
  ...createSessionSlice(...a),
  ...createCertsSlice(...a),
  ...createSettingsSlice(...a),
  ...createAuditSlice(...a),
  ...createInspectSlice(...a),
  ...createUiSlice(...a),
  ...createToastSlice(...a),
  ...createIssuanceSlice(...a),
  ...createTrackingSlice(...a),
}));
