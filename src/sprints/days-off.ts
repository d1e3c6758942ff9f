import type { FieldProblem } from '../common/errors/app-error';
import { formatLocalDate, parseLocalDate } from '../common/graphql/date.scalar';
import { WEEKDAY_BY_UTC_DAY, Weekday } from '../common/graphql/enums';
import type { DayOff } from './capacity';

export interface DaysOffCalendar {
  startDate: Date;
  endDate: Date;
  workingDays: readonly Weekday[];
  holidays: readonly { date: Date; name: string }[];
}

/**
 * Dated days off checked against the sprint and the team's calendar: each must be a date of the
 * sprint, on a working day, not a team holiday, and given once. Every problem names its field
 * (`input.daysOffDates[2].date`) and the date.
 */
export function checkDaysOff(
  entries: readonly { date: string; fraction: number }[],
  calendar: DaysOffCalendar,
  field = 'input.daysOffDates',
): { datesOff: DayOff[]; problems: FieldProblem[] } {
  const working = new Set(calendar.workingDays);
  const holidays = new Map(calendar.holidays.map((h) => [h.date.getTime(), h.name]));
  const seen = new Set<number>();
  const datesOff: DayOff[] = [];
  const problems: FieldProblem[] = [];
  entries.forEach((entry, i) => {
    const at = `${field}[${i}].date`;
    const date = parseLocalDate(entry.date);
    if (!date) {
      problems.push({ field: at, message: 'must be a date as YYYY-MM-DD' });
      return;
    }
    const weekday = WEEKDAY_BY_UTC_DAY[date.getUTCDay()] as Weekday;
    const holiday = holidays.get(date.getTime());
    let message: string | null = null;
    if (date < calendar.startDate || date > calendar.endDate)
      message = `${entry.date} is outside the sprint (${formatLocalDate(calendar.startDate)} to ${formatLocalDate(calendar.endDate)})`;
    else if (!working.has(weekday))
      message = `${entry.date} is a ${weekday}, not a working day of the team`;
    else if (holiday !== undefined) message = `${entry.date} is a team holiday (${holiday})`;
    else if (seen.has(date.getTime())) message = `${entry.date} is given more than once`;
    if (message) {
      problems.push({ field: at, message });
      return;
    }
    seen.add(date.getTime());
    datesOff.push({ date, fraction: entry.fraction });
  });
  return { datesOff, problems };
}
