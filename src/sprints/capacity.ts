import { WEEKDAY_BY_UTC_DAY, Weekday } from '../common/graphql/enums';

const DAY_MS = 24 * 3600 * 1000;

export interface CapacityMember {
  id: string;
  capacityPerDay: number;
}

export interface CapacityAvailability {
  memberId: string;
  daysOff: number;
  capacityPerDay: number | null;
}

export interface CapacityInput {
  startDate: Date;
  endDate: Date;
  workingDays: readonly Weekday[];
  focusFactor: number;
  members: readonly CapacityMember[];
  availability: readonly CapacityAvailability[];
}

export interface MemberCapacity {
  memberId: string;
  capacityPerDay: number;
  daysOff: number;
  availableDays: number;
  /** capacityPerDay × available days, before the focus factor. */
  points: number;
}

export interface SprintCapacity {
  workingDays: number;
  members: MemberCapacity[];
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

export function countWorkingDays(start: Date, end: Date, workingDays: readonly Weekday[]): number {
  return workingDates(start, end, workingDays).length;
}

/**
 * capacityPoints = Σ over members of capacityPerDay × (working days − days off) × focusFactor,
 * with a member's sprint-specific capacityPerDay overriding their usual one.
 */
export function computeCapacity(input: CapacityInput): SprintCapacity {
  const workingDays = countWorkingDays(input.startDate, input.endDate, input.workingDays);
  const availability = new Map(input.availability.map((a) => [a.memberId, a]));
  const members = input.members.map((member): MemberCapacity => {
    const entry = availability.get(member.id);
    const capacityPerDay = entry?.capacityPerDay ?? member.capacityPerDay;
    const daysOff = entry?.daysOff ?? 0;
    const availableDays = Math.max(0, workingDays - daysOff);
    return {
      memberId: member.id,
      capacityPerDay,
      daysOff,
      availableDays,
      points: roundPoints(capacityPerDay * availableDays),
    };
  });
  const raw = members.reduce((sum, m) => sum + m.capacityPerDay * m.availableDays, 0);
  return { workingDays, members, capacityPoints: roundPoints(raw * input.focusFactor) };
}
