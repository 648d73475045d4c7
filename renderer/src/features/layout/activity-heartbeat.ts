/**
 * main measures idleness by IPC traffic only (every call touches its idle timer). An operator typing a long
 * form makes no calls, so input is reported with a cheap read at most once per `intervalMs`.
 */
export function createHeartbeat(
  send: () => void,
  intervalMs: number,
  clock: () => number = Date.now,
): () => void {
  let last = -Infinity;
  return () => {
    const t = clock();
    if (t - last < intervalMs) return;
    last = t;
    send();
  };
}
