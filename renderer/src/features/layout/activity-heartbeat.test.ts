import { describe, expect, it } from 'vitest';
import { createHeartbeat } from './activity-heartbeat';

describe('activity heartbeat', () => {
  it('reports the first input at once, then at most once per interval', () => {
    let now = 1_000;
    let sent = 0;
    const beat = createHeartbeat(
      () => sent++,
      30_000,
      () => now,
    );
    beat();
    beat();
    expect(sent).toBe(1);
    now += 29_999;
    beat();
    expect(sent).toBe(1);
    now += 1;
    beat();
    expect(sent).toBe(2);
  });
});
