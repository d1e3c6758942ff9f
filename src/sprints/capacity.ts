import { WEEKDAY_BY_UTC_DAY, Weekday } from '../common/graphql/enums';

const DAY_MS = 24 * 3600 * 1000;

export interface CapacityMember {
  id: string;
  capacityPerDay: number;
}

/** A date a member is away: the whole day (1) or half of it (0.5). */
export interface DayOff {
  date: Date;
  fraction: number;
}

export interface CapacityAvailability {
  memberId: string;
  /** Days off given as a number (deprecated input): on no date, spread over the working days. */
  daysOff: number;
  capacityPerDay: number | null;
  /** Days off on dates; those not on a counted day (weekend, holiday, outside) count nothing. */
  datesOff?: readonly DayOff[];
}

export interface CapacityInput {
  startDate: Date;
  endDate: Date;
  workingDays: readonly Weekday[];
  /** The team's holidays (any range: only those inside the sprint matter). */
  holidays?: readonly Date[];
  focusFactor: number;
  members: readonly CapacityMember[];
  availability: readonly CapacityAvailability[];
}

export interface MemberCapacity {
  memberId: string;
  capacityPerDay: number;
  /** Undated days off + the fractions of the dated ones that fall on counted days. */
  daysOff: number;
  /** The dated days off that count (on a working day of the sprint that is not a holiday). */
  daysOffDates: DayOff[];
  availableDays: number;
  /** capacityPerDay × available days, before the focus factor. */
  points: number;
}

export interface CapacityDay {
  date: Date;
  /** Σ members capacityPerDay × (1 − fraction off) × focus factor, to the hundredth. */
  points: number;
}

export interface SprintCapacity {
  /** Working days of the sprint that are not team holidays. */
  workingDays: number;
  /** Those days, in order: the burndown's x axis. */
  dates: Date[];
  members: MemberCapacity[];
  /** One entry per counted day; the points sum to capacityPoints exactly. */
  byDay: CapacityDay[];
  /** Σ member points × focus factor. */
  capacityPoints: number;
}

export function roundPoints(value: number): number {
  return Math.round(value * 100) / 100;
}

/** The calendar dates (UTC midnight) from start to end inclusive that are team working days. */
export function workingDates(start: Date, end: Date, workingDays: readonly Weekday[]): Date[] {
  const days = new Set(workingDays);
  const dates: Date[] = [];
  for (let t = start.getTime(); t <= end.getTime(); t += DAY_MS) {
    const date = new Date(t);
    if (days.has(WEEKDAY_BY_UTC_DAY[date.getUTCDay()] as Weekday)) dates.push(date);
  }
  return dates;
}

/** The days a sprint counts: its team's working days, less the team's holidays. */
export function sprintDates(
  start: Date,
  end: Date,
  workingDays: readonly Weekday[],
  holidays: readonly Date[] = [],
): Date[] {
  const off = new Set(holidays.map((h) => h.getTime()));
  return workingDates(start, end, workingDays).filter((d) => !off.has(d.getTime()));
}

export function countWorkingDays(start: Date, end: Date, workingDays: readonly Weekday[]): number {
  return workingDates(start, end, workingDays).length;
}

/**
 * Capacity day by day: for each working day of the sprint that is not a team holiday, each
 * member's capacityPerDay (a sprint-specific override wins) × (1 − the fraction off that day),
 * × the focus factor. Days off given as a number are on no date: they lower every counted day
 * by the same share, so the sprint's total is capacityPerDay × (days − daysOff) as before.
 */
export function computeCapacity(input: CapacityInput): SprintCapacity {
  const dates = sprintDates(input.startDate, input.endDate, input.workingDays, input.holidays);
  const counted = new Set(dates.map((d) => d.getTime()));
  const count = dates.length;
  const availability = new Map(input.availability.map((a) => [a.memberId, a]));
  const perDay = dates.map(() => 0);
  const members = input.members.map((member): MemberCapacity => {
    const entry = availability.get(member.id);
    const capacityPerDay = entry?.capacityPerDay ?? member.capacityPerDay;
    const undated = entry?.daysOff ?? 0;
    const undatedShare = count > 0 ? Math.min(1, undated / count) : 0;
    const datesOff = (entry?.datesOff ?? [])
      .filter((d) => counted.has(d.date.getTime()))
      .sort((a, b) => a.date.getTime() - b.date.getTime());
    const offOn = new Map(datesOff.map((d) => [d.date.getTime(), d.fraction]));
    let available = 0;
    dates.forEach((date, i) => {
      const share = Math.max(0, 1 - undatedShare - (offOn.get(date.getTime()) ?? 0));
      available += share;
      perDay[i] = (perDay[i] as number) + capacityPerDay * share;
    });
    const availableDays = roundPoints(available);
    return {
      memberId: member.id,
      capacityPerDay,
      daysOff: roundPoints(undated + datesOff.reduce((sum, d) => sum + d.fraction, 0)),
      daysOffDates: datesOff.map((d) => ({ date: d.date, fraction: d.fraction })),
      availableDays,
      points: roundPoints(capacityPerDay * availableDays),
    };
  });
  const raw = members.reduce((sum, m) => sum + m.capacityPerDay * m.availableDays, 0);
  const capacityPoints = roundPoints(raw * input.focusFactor);
  return {
    workingDays: count,
    dates,
    members,
    byDay: splitByDay(
      dates,
      perDay.map((p) => p * input.focusFactor),
      capacityPoints,
    ),
    capacityPoints,
  };
}

/**
 * Each day's points to the hundredth, rounded on the running total so that they add up to the
 * sprint's capacityPoints exactly (rounding each day alone could drift by a few hundredths).
 */
function splitByDay(dates: Date[], raw: number[], total: number): CapacityDay[] {
  let running = 0;
  let previous = 0;
  return dates.map((date, i) => {
    running += raw[i] as number;
    const reached = i === dates.length - 1 ? total : roundPoints(running);
    const points = roundPoints(reached - previous);
    previous = reached;
    return { date, points };
  });
}
