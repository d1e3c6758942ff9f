import { computeReserve, HistorySample, percentile, reserveReached } from './reserve-policy';

const sprint = { capacityPoints: 50, workingDays: 10 };
const sample = (n: number, points: number, workingDays = 10): HistorySample => ({
  sprintId: `s${n}`,
  name: `Sprint ${n}`,
  unplannedProductionPoints: points,
  workingDays,
});

describe('percentile', () => {
  it('interpolates between closest ranks', () => {
    expect(percentile([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(percentile([1, 2, 3, 4, 5], 80)).toBeCloseTo(4.2);
    expect(percentile([10], 80)).toBe(10);
  });

  it('is 0 for no values', () => {
    expect(percentile([], 80)).toBe(0);
  });
});

describe('computeReserve', () => {
  it('FIXED_POINTS keeps the given points', () => {
    expect(computeReserve({ mode: 'FIXED_POINTS', value: 7 }, sprint, []).points).toBe(7);
  });

  it('PERCENT_OF_CAPACITY defaults to 20%', () => {
    const reserve = computeReserve({ mode: 'PERCENT_OF_CAPACITY' }, sprint, []);
    expect(reserve.points).toBe(10);
    expect(reserve.basis.value).toBe(20);
  });

  it('PERCENT_OF_CAPACITY uses the given percent', () => {
    expect(
      computeReserve(
        { mode: 'PERCENT_OF_CAPACITY', value: 15 },
        { capacityPoints: 33, workingDays: 10 },
        [],
      ).points,
    ).toBe(4.95);
  });

  it('HISTORICAL falls back to fallbackPercent with fewer than 2 closed sprints', () => {
    const reserve = computeReserve({ mode: 'HISTORICAL', fallbackPercent: 30 }, sprint, [
      sample(1, 100),
    ]);
    expect(reserve.points).toBe(15);
    expect(reserve.basis.fallback).toBe(true);
  });

  it('HISTORICAL takes the percentile of points per working day × working days', () => {
    // Per day: 0.5, 1, 1.5, 2, 0.8 (the last over 5 days) → p80 of [0.5, 0.8, 1, 1.5, 2] = 1.6.
    const history = [sample(1, 5), sample(2, 10), sample(3, 15), sample(4, 20), sample(5, 4, 5)];
    const reserve = computeReserve({ mode: 'HISTORICAL' }, sprint, history);
    expect(reserve.basis.perDay).toBe(1.6);
    expect(reserve.points).toBe(16);
    expect(reserve.basis.samples).toHaveLength(5);
    expect(reserve.basis.clamped).toBeNull();
  });

  it('HISTORICAL looks back only lookbackSprints sprints (newest first)', () => {
    const history = [sample(1, 10), sample(2, 10), sample(3, 100)];
    const reserve = computeReserve({ mode: 'HISTORICAL', lookbackSprints: 2 }, sprint, history);
    expect(reserve.basis.samples.map((s) => s.sprintId)).toEqual(['s1', 's2']);
    expect(reserve.points).toBe(10);
  });

  it('HISTORICAL clamps to maxPercent and minPercent of capacity', () => {
    const heavy = [sample(1, 100), sample(2, 100)];
    const capped = computeReserve({ mode: 'HISTORICAL', maxPercent: 30 }, sprint, heavy);
    expect(capped.points).toBe(15);
    expect(capped.basis.clamped).toBe('MAX');
    expect(capped.basis.rawPoints).toBe(100);
    const quiet = [sample(1, 0), sample(2, 0)];
    const floored = computeReserve({ mode: 'HISTORICAL', minPercent: 10 }, sprint, quiet);
    expect(floored.points).toBe(5);
    expect(floored.basis.clamped).toBe('MIN');
  });
});

describe('reserveReached', () => {
  it('counts exactly the threshold as reached, whatever floating point makes of it', () => {
    // 1.1 × 0.8 = 0.8800000000000001 and 0.7 + 0.1 = 0.7999999999999999 in binary floating point.
    expect(reserveReached(0.88, 1.1, 80)).toBe(true);
    expect(reserveReached(0.7 + 0.1, 1, 80)).toBe(true);
    expect(reserveReached(3.52, 4.4, 80)).toBe(true);
    expect(reserveReached(4.4, 4.4, 100)).toBe(true);
  });

  it('is not reached a hundredth below', () => {
    expect(reserveReached(0.87, 1.1, 80)).toBe(false);
    expect(reserveReached(4.39, 4.4, 100)).toBe(false);
    // 80% of 11.16 is 8.928: 8.92 is below, 8.93 above.
    expect(reserveReached(8.92, 11.16, 80)).toBe(false);
    expect(reserveReached(8.93, 11.16, 80)).toBe(true);
  });

  it('any use reaches a zero reserve', () => {
    expect(reserveReached(0.5, 0, 100)).toBe(true);
  });
});
