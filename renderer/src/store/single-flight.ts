/**
 * Wraps a refetch that push events can trigger in bursts (bulk issuance, a batch's audit lines): one request
 * in flight, at most one queued after it. Runs are sequential, so a newer response always lands after an
 * older one and the cache never goes back to a stale answer. Every caller's promise settles after a run that
 * started after its call.
 */
export function singleFlight(fetchOnce: () => Promise<void>): () => Promise<void> {
  let inFlight: Promise<void> | null = null;
  let queued = false;
  return () => {
    if (inFlight) {
      queued = true;
      return inFlight;
    }
    inFlight = (async () => {
      try {
        do {
          queued = false;
          await fetchOnce();
        } while (queued);
      } finally {
        inFlight = null;
      }
    })();
    return inFlight;
  };
}
