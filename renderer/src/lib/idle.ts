/**
 * Runs `step` in the browser's idle periods, one call per period, until it reports done or `wanted()` turns
 * false (the list it prepares was replaced). `step` gets the period's timeRemaining and stops when it is spent,
 * so input and rendering are never kept waiting for it.
 */
export function inIdleTime(step: (timeRemaining: () => number) => boolean, wanted: () => boolean): void {
  const run = (deadline: IdleDeadline): void => {
    if (!wanted()) return;
    if (!step(() => deadline.timeRemaining())) requestIdleCallback(run);
  };
  requestIdleCallback(run);
}
