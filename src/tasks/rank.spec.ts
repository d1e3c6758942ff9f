import {
  evenlySpacedRanks,
  isValidRank,
  MAX_RANK_LENGTH,
  rankBetween,
  ranksAfter,
  ranksBetween,
} from './rank';

describe('rankBetween', () => {
  it('gives a middle key for an empty column', () => {
    expect(rankBetween(null, null)).toBe('i');
  });

  it('places a key strictly between two neighbours', () => {
    const key = rankBetween('a', 'c');
    expect(key > 'a' && key < 'c').toBe(true);
    expect(key).toBe('b');
  });

  it('goes one level deeper between adjacent keys', () => {
    const key = rankBetween('a', 'b');
    expect(key > 'a' && key < 'b').toBe(true);
    expect(isValidRank(key)).toBe(true);
  });

  it('places before the first and after the last key', () => {
    expect(rankBetween(null, 'a') < 'a').toBe(true);
    expect(rankBetween('z', null) > 'z').toBe(true);
  });

  it('rejects neighbours given out of order or equal', () => {
    expect(() => rankBetween('b', 'a')).toThrow('is not before');
    expect(() => rankBetween('b', 'b')).toThrow('is not before');
  });

  it('keeps order over 1,000 inserts at the same spot, growing keys slowly', () => {
    // Always insert right after the first card: the worst case for key length.
    const first = rankBetween(null, null);
    let next = rankBetween(first, null);
    const inserted: string[] = [];
    for (let i = 0; i < 1000; i++) {
      const key = rankBetween(first, next);
      expect(key > first && key < next).toBe(true);
      expect(isValidRank(key)).toBe(true);
      inserted.push(key);
      next = key;
    }
    const sorted = [...inserted].sort();
    expect(sorted).toEqual([...inserted].reverse());
    // Growth is logarithmic-ish per level: the rebalance threshold is reached long before 1,000.
    expect(inserted[inserted.length - 1]!.length).toBeGreaterThan(MAX_RANK_LENGTH);
  });

  it('never produces a key ending in 0', () => {
    let low: string | null = null;
    for (let i = 0; i < 200; i++) {
      const key = rankBetween(low, 'i');
      expect(key.endsWith('0')).toBe(false);
      low = key;
    }
  });
});

describe('evenlySpacedRanks', () => {
  it('returns sorted, distinct, valid keys of one length', () => {
    for (const count of [1, 2, 35, 36, 1000, 5000]) {
      const ranks = evenlySpacedRanks(count);
      expect(ranks).toHaveLength(count);
      expect(new Set(ranks).size).toBe(count);
      expect([...ranks].sort()).toEqual(ranks);
      expect(ranks.every(isValidRank)).toBe(true);
      expect(new Set(ranks.map((r) => r.length)).size).toBe(1);
    }
  });

  it('leaves room for short keys between neighbours', () => {
    const ranks = evenlySpacedRanks(100);
    for (let i = 1; i < ranks.length; i++) {
      expect(rankBetween(ranks[i - 1]!, ranks[i]!).length).toBeLessThanOrEqual(ranks[0]!.length);
    }
  });

  it('returns nothing for an empty column', () => {
    expect(evenlySpacedRanks(0)).toEqual([]);
  });
});

describe('ranksBetween', () => {
  it('returns ordered keys strictly inside the interval', () => {
    const keys = ranksBetween('a', 'b', 100);
    expect(keys).toHaveLength(100);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(100);
    expect(keys.every((k) => k > 'a' && k < 'b' && isValidRank(k))).toBe(true);
  });

  it('keeps keys short for a storm of 1,000 cards in an empty column', () => {
    const keys = ranksBetween(null, null, 1000);
    expect(Math.max(...keys.map((k) => k.length))).toBeLessThanOrEqual(12);
  });

  it('returns nothing for zero cards', () => {
    expect(ranksBetween(null, null, 0)).toEqual([]);
  });
});

describe('ranksAfter', () => {
  it('returns ordered keys inside the half of the interval next to its start', () => {
    const keys = ranksAfter('a', 'b', 10);
    const mid = rankBetween('a', 'b');
    expect(keys).toHaveLength(10);
    expect([...keys].sort()).toEqual(keys);
    expect(new Set(keys).size).toBe(10);
    expect(keys.every((k) => k > 'a' && k < mid && isValidRank(k))).toBe(true);
    expect(ranksAfter(null, null, 3).every(isValidRank)).toBe(true);
    expect(ranksAfter('x', null, 0)).toEqual([]);
  });

  /** Batches of `size` arrivals, each placed after the previous batch and before `anchor`. */
  function longestAfterBatches(place: typeof ranksBetween, batches: number, size: number): number {
    let prev: string | null = null;
    let longest = 0;
    for (let i = 0; i < batches; i++) {
      const keys = place(prev, 'n', size);
      expect(keys[0]! > (prev ?? '')).toBe(true);
      expect(keys[keys.length - 1]! < 'n').toBe(true);
      prev = keys[keys.length - 1]!;
      longest = Math.max(longest, ...keys.map((k) => k.length));
    }
    return longest;
  }

  it('keeps keys short when batch after batch arrives at the same spot', () => {
    // 60 batches of 25 alert cards above the same lower-priority card.
    expect(longestAfterBatches(ranksAfter, 60, 25)).toBeLessThanOrEqual(MAX_RANK_LENGTH / 3);
    // Spread evenly, the same arrivals outgrow the limit (a respace of the column each time).
    expect(longestAfterBatches(ranksBetween, 60, 25)).toBeGreaterThan(MAX_RANK_LENGTH);
  });
});
