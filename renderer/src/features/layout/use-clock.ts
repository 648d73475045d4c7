import { useEffect } from 'react';
import { useAppStore } from '../../store';

/** Statuses change with time: advance the store clock every minute so pills and counts stay true. */
export function useClock(): void {
  useEffect(() => {
    const id = setInterval(() => useAppStore.getState().tick(), 60_000);
    return () => clearInterval(id);
  }, []);
}
