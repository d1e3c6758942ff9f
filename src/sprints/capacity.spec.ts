import { parseLocalDate } from '../common/graphql/date.scalar';
import { computeCapacity, countWorkingDays, sprintDates, workingDates } from './capacity';

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
      daysOffDates: [],
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

describe('capacity day by day', () => {
  const iso = (date: Date): string => date.toISOString().slice(0, 10);
  const byDay = (result: ReturnType<typeof computeCapacity>): [string, number][] =>
    result.byDay.map((day) => [iso(day.date), day.points]);
  // 2030-01-07 (Mon) .. 2030-01-13 (Sun): five working days and a weekend.
  const week = {
    startDate: d('2030-01-07'),
    endDate: d('2030-01-13'),
    workingDays: WEEKDAYS,
    focusFactor: 1,
  };

  it('counts no capacity on weekends: one entry per working day', () => {
    const result = computeCapacity({
      ...week,
      members: [{ id: 'a', capacityPerDay: 2 }],
      availability: [],
    });
    expect(byDay(result)).toEqual([
      ['2030-01-07', 2],
      ['2030-01-08', 2],
      ['2030-01-09', 2],
      ['2030-01-10', 2],
      ['2030-01-11', 2],
    ]);
    expect(result.capacityPoints).toBe(10);
  });

  it('skips a team holiday: no entry, no capacity, one working day fewer', () => {
    const result = computeCapacity({
      ...week,
      holidays: [d('2030-01-09'), d('2029-12-25')],
      members: [{ id: 'a', capacityPerDay: 2 }],
      availability: [],
    });
    expect(result.workingDays).toBe(4);
    expect(byDay(result).map(([date]) => date)).toEqual([
      '2030-01-07',
      '2030-01-08',
      '2030-01-10',
      '2030-01-11',
    ]);
    expect(result.capacityPoints).toBe(8);
  });

  it('takes a whole day and a half day off on their dates, times the focus factor', () => {
    // a: 2/day, off Tue, half of Thu; b: 1/day. Focus 0.5.
    //   Mon (2 + 1) × 0.5 = 1.5; Tue (0 + 1) × 0.5 = 0.5; Wed 1.5; Thu (1 + 1) × 0.5 = 1; Fri 1.5
    const result = computeCapacity({
      ...week,
      focusFactor: 0.5,
      members: [
        { id: 'a', capacityPerDay: 2 },
        { id: 'b', capacityPerDay: 1 },
      ],
      availability: [
        {
          memberId: 'a',
          daysOff: 0,
          capacityPerDay: null,
          datesOff: [
            { date: d('2030-01-10'), fraction: 0.5 },
            { date: d('2030-01-08'), fraction: 1 },
          ],
        },
      ],
    });
    expect(byDay(result)).toEqual([
      ['2030-01-07', 1.5],
      ['2030-01-08', 0.5],
      ['2030-01-09', 1.5],
      ['2030-01-10', 1],
      ['2030-01-11', 1.5],
    ]);
    expect(result.capacityPoints).toBe(6);
    expect(result.members[0]).toMatchObject({
      daysOff: 1.5,
      availableDays: 3.5,
      points: 7,
      daysOffDates: [
        { date: d('2030-01-08'), fraction: 1 },
        { date: d('2030-01-10'), fraction: 0.5 },
      ],
    });
  });

  it('ignores a dated day off that is no longer a counted day (now a holiday, or a weekend)', () => {
    const result = computeCapacity({
      ...week,
      holidays: [d('2030-01-08')],
      members: [{ id: 'a', capacityPerDay: 1 }],
      availability: [
        {
          memberId: 'a',
          daysOff: 0,
          capacityPerDay: null,
          datesOff: [
            { date: d('2030-01-08'), fraction: 1 },
            { date: d('2030-01-12'), fraction: 1 },
          ],
        },
      ],
    });
    expect(result.members[0]).toMatchObject({ daysOff: 0, availableDays: 4, daysOffDates: [] });
    expect(result.capacityPoints).toBe(4);
  });

  it('spreads days off given as a number over every working day: same total as before', () => {
    // 2 days off in 5: each day 1 − 0.4 = 0.6 of 2 points.
    const result = computeCapacity({
      ...week,
      members: [{ id: 'a', capacityPerDay: 2 }],
      availability: [{ memberId: 'a', daysOff: 2, capacityPerDay: null }],
    });
    expect(byDay(result).map(([, points]) => points)).toEqual([1.2, 1.2, 1.2, 1.2, 1.2]);
    expect(result.capacityPoints).toBe(6);
    expect(result.members[0]).toMatchObject({ daysOff: 2, availableDays: 3, points: 6 });
  });

  it('rounds the days on the running total so they add up to capacityPoints', () => {
    // 1 day off in 3, 1 point a day: 2/3 a day. 0.67 + 0.66 + 0.67 = 2.
    const result = computeCapacity({
      startDate: d('2030-01-07'),
      endDate: d('2030-01-09'),
      workingDays: WEEKDAYS,
      focusFactor: 1,
      members: [{ id: 'a', capacityPerDay: 1 }],
      availability: [{ memberId: 'a', daysOff: 1, capacityPerDay: null }],
    });
    expect(byDay(result).map(([, points]) => points)).toEqual([0.67, 0.66, 0.67]);
    expect(result.capacityPoints).toBe(2);
  });

  it('has no days for a sprint made only of holidays and weekends', () => {
    const result = computeCapacity({
      startDate: d('2030-01-11'),
      endDate: d('2030-01-13'),
      workingDays: WEEKDAYS,
      holidays: [d('2030-01-11')],
      focusFactor: 1,
      members: [{ id: 'a', capacityPerDay: 3 }],
      availability: [{ memberId: 'a', daysOff: 1, capacityPerDay: null }],
    });
    expect(result).toMatchObject({ workingDays: 0, byDay: [], capacityPoints: 0 });
    expect(sprintDates(d('2030-01-11'), d('2030-01-13'), WEEKDAYS, [d('2030-01-11')])).toEqual([]);
  });
});
