/** A small seeded PRNG (mulberry32) so a corpus is the same on every machine for the same seed. */
export interface Random {
  /** uniform in [0, 1) */
  next(): number;
  /** integer in [min, max], both included */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** each item kept with probability p, order preserved */
  subset<T>(items: readonly T[], p: number): T[];
  /** a child stream, so adding a draw in one hierarchy does not reshuffle the next */
  fork(label: number): Random;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rnd: Random = {
    next,
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (p) => next() < p,
    pick: (items) => {
      if (items.length === 0) throw new Error('pick from an empty list');
      return items[Math.floor(next() * items.length)] as (typeof items)[number];
    },
    subset: (items, p) => items.filter(() => next() < p),
    fork: (label) => seededRandom(Math.imul(seed ^ 0x9e3779b9, 31) + label * 0x85ebca6b),
  };
  return rnd;
}
