import { describe, expect, it } from 'vitest';
import { createExclusive } from './exclusive';

describe('exclusive', () => {
  it('runs operations one after another even when they await, and survives a failure', async () => {
    const exclusive = createExclusive();
    const log: string[] = [];
    const op =
      (name: string, fail = false) =>
      async () => {
        log.push(`start ${name}`);
        await new Promise((r) => setTimeout(r, 5));
        log.push(`end ${name}`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      exclusive(op('a')),
      exclusive(op('b', true)),
      exclusive(op('c')),
    ]);
    expect(log).toEqual(['start a', 'end a', 'start b', 'end b', 'start c', 'end c']);
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
  });
});
