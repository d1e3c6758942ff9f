import { parseLocalDate } from '../common/graphql/date.scalar';
import { computeCapacity, countWorkingDays, workingDates } from './capacity';

const d = (value: string): Date => parseLocalDate(value)!;
const WEEKDAYS = ['MON', 'TUE', 'WED', 'THU', 'FRI'] as const;

describe('working days', () => {
  it('counts Monday to Friday over two calendar weeks as 10', () => {
    // 2026-11-30 is a Monday; 2026-12-11 a Friday.
    expect(countWorkingDays(d('2026-11-30'), d('2026-12-11'), WEEKDAYS)).toBe(10);
  });

  it('skips weekends when a sprint starts on a Saturday', () => {
    expect(countWorkingDays(d('2026-11-28'), d('2026-12-06'), WEEKDAYS)).toBe(5);
  });

  it('honours a team that works Sunday to Thursday', () => {
    const days = workingDates(d('2026-11-29'), d('2026-12-05'), [
      'SUN',
      'MON',
      'TUE',
      'WED',
      'THU',
    ]);
    expect(days.map((x) => x.toISOString().slice(0, 10))).toEqual([
      '2026-11-29',
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
  });

  it('counts one day for a sprint of a single working day', () => {
    expect(countWorkingDays(d('2026-12-01'), d('2026-12-01'), WEEKDAYS)).toBe(1);
  });
});

describe('computeCapacity', () => {
  const base = {
    startDate: d('2026-11-30'),
    endDate: d('2026-12-11'),
    workingDays: WEEKDAYS,
    focusFactor: 1,
  };

  it('sums capacityPerDay × working days over members', () => {
    const result = computeCapacity({
      ...base,
      members: [
        { id: 'a', capacityPerDay: 1 },
        { id: 'b', capacityPerDay: 0.5 },
      ],
      availability: [],
    });
    expect(result.workingDays).toBe(10);
    expect(result.capacityPoints).toBe(15);
    expect(result.members.map((m) => m.points)).toEqual([10, 5]);
  });

  it('subtracts days off and applies the focus factor', () => {
    const result = computeCapacity({
      ...base,
      focusFactor: 0.8,
      members: [
        { id: 'a', capacityPerDay: 2 },
        { id: 'b', capacityPerDay: 1 },
      ],
      availability: [{ memberId: 'a', daysOff: 3, capacityPerDay: null }],
    });
    // (2 × 7 + 1 × 10) × 0.8 = 19.2
    expect(result.capacityPoints).toBe(19.2);
    expect(result.members[0]).toEqual({
      memberId: 'a',
      capacityPerDay: 2,
      daysOff: 3,
      availableDays: 7,
      points: 14,
    });
  });

  it('uses a sprint-specific capacity override', () => {
    const result = computeCapacity({
      ...base,
      members: [{ id: 'a', capacityPerDay: 2 }],
      availability: [{ memberId: 'a', daysOff: 0, capacityPerDay: 0.5 }],
    });
    expect(result.capacityPoints).toBe(5);
  });

  it('never counts negative days when days off exceed the sprint', () => {
    const result = computeCapacity({
      ...base,
      members: [{ id: 'a', capacityPerDay: 2 }],
      availability: [{ memberId: 'a', daysOff: 15, capacityPerDay: null }],
    });
    expect(result.members[0]!.availableDays).toBe(0);
    expect(result.capacityPoints).toBe(0);
  });

  it('gives zero capacity to a sprint with no members', () => {
    expect(computeCapacity({ ...base, members: [], availability: [] }).capacityPoints).toBe(0);
  });
});
