import { InputError } from '../common/errors/app-error';
import { parseLocalDate } from '../common/graphql/date.scalar';

const DAY_MS = 24 * 3600 * 1000;
export const MAX_REPORT_DAYS = 366;

/** A [from, to] window of calendar days (UTC), to inclusive. */
export function reportWindow(from: string, to: string): { from: Date; to: Date; days: Date[] } {
  const start = parseLocalDate(from);
  const end = parseLocalDate(to);
  if (!start) throw InputError.field('from', 'must be a date as YYYY-MM-DD');
  if (!end) throw InputError.field('to', 'must be a date as YYYY-MM-DD');
  if (end < start) throw InputError.field('to', 'must not be before from');
  const count = (end.getTime() - start.getTime()) / DAY_MS + 1;
  if (count > MAX_REPORT_DAYS)
    throw InputError.field('to', `a report covers at most ${MAX_REPORT_DAYS} days`);
  const days = Array.from({ length: count }, (_, i) => new Date(start.getTime() + i * DAY_MS));
  return { from: start, to: new Date(end.getTime() + DAY_MS), days };
}
