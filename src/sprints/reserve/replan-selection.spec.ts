import { type ReplanCandidate, selectReplan } from './replan-selection';

let n = 0;
const task = (
  points: number,
  priority: ReplanCandidate['priority'] = 'NONE',
  rank = 'm',
): ReplanCandidate => {
  n += 1;
  return { taskId: `id-${n}`, key: `T-${n}`, title: `Task ${n}`, priority, rank, points };
};
const keys = (selection: { tasks: ReplanCandidate[] }): string[] =>
  selection.tasks.map((t) => t.key).sort();

describe('selectReplan', () => {
  beforeEach(() => {
    n = 0;
  });

  it('covers the overflow exactly when a subset sums to it, rather than with one bigger task', () => {
    // T-1 5, T-2 3, T-3 2: 3 + 2 = 5 ties T-1 alone; T-1 is one task, so it wins on count.
    const [a, b, c] = [task(5), task(3), task(2)];
    expect(keys(selectReplan([a, b, c], 5))).toEqual(['T-1']);
    // Target 4: nothing sums to 4; 5 (T-1) covers it by 1, the smallest excess.
    expect(selectReplan([a, b, c], 4)).toMatchObject({ points: 5, excessPoints: 1 });
    // Target 8 (5 + 3 exactly) beats 5 + 3 + 2 = 10 and 5 + 2 = 7 < 8.
    expect(selectReplan([a, b, c], 8)).toMatchObject({ points: 8, excessPoints: 0 });
  });

  it('takes lower priorities first, touching a higher one only when the lower ones fall short', () => {
    const low = task(2, 'LOW');
    const none = task(1, 'NONE');
    const high = task(3, 'HIGH');
    // NONE (1) + LOW (2) = 3 cover 3 exactly: the HIGH 3-pointer is not needed.
    expect(keys(selectReplan([high, low, none], 3))).toEqual(['T-1', 'T-2']);
    // 4 points: NONE and LOW give only 3, so the HIGH level joins the pool: 3 + 1 = 4 exactly.
    const four = selectReplan([high, low, none], 4);
    expect(keys(four)).toEqual(['T-2', 'T-3']);
    expect(four).toMatchObject({ points: 4, excessPoints: 0, shortfallPoints: 0 });
  });

  it('among equal subsets, gives up the task furthest down its column (highest rank)', () => {
    const top = task(2, 'LOW', 'a');
    const bottom = task(2, 'LOW', 'z');
    expect(keys(selectReplan([top, bottom], 2))).toEqual(['T-2']);
  });

  it('proposes every candidate, with the shortfall, when all of them cannot cover the overflow', () => {
    expect(selectReplan([task(1), task(2, 'URGENT')], 5)).toMatchObject({
      points: 3,
      excessPoints: 0,
      shortfallPoints: 2,
    });
  });

  it('ignores tasks without points, and proposes nothing without candidates or overflow', () => {
    expect(selectReplan([task(0)], 2)).toMatchObject({ tasks: [], shortfallPoints: 2 });
    expect(selectReplan([task(3)], 0)).toMatchObject({ tasks: [], points: 0 });
  });

  it('compares fractional points in hundredths', () => {
    expect(selectReplan([task(0.1), task(0.2), task(0.5)], 0.3)).toMatchObject({
      points: 0.3,
      excessPoints: 0,
    });
  });
});
