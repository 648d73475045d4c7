import { useEffect } from 'react';
import { api } from '../../lib/api';
import { createHeartbeat } from './activity-heartbeat';

/** Half a minute keeps the idle timer honest (its minimum setting is one minute) at two calls a minute at most. */
const HEARTBEAT_MS = 30_000;

/** While unlocked, keyboard and pointer input count as activity for main's auto-lock. */
export function useActivityHeartbeat(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const beat = createHeartbeat(() => void api().vault.status({}), HEARTBEAT_MS);
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const e of events) window.addEventListener(e, beat, { passive: true });
    return () => {
      for (const e of events) window.removeEventListener(e, beat);
    };
  }, [enabled]);
}
