/**
 * Runs state-changing operations one at a time. Each one checks and then acts across awaits (next CRL
 * number, unique CA name, "already revoked?", settings read-modify-write); two renderer clicks in flight
 * at once must not both pass the check.
 */
export function createExclusive(): <T>(op: () => Promise<T>) => Promise<T> {
  let tail: Promise<unknown> = Promise.resolve();
  return <T>(op: () => Promise<T>): Promise<T> => {
    const run = tail.then(op, op);
    tail = run.catch(() => undefined);
    return run;
  };
}
