import { InputError } from '../common/errors/app-error';
import { formatLocalDate, parseLocalDate } from '../common/graphql/date.scalar';

const DAY_MS = 24 * 3600 * 1000;
export const MAX_REPORT_DAYS = 366;
/** A period report without `from`/`to` covers the last 30 days, today included. */
export const DEFAULT_REPORT_DAYS = 30;

export interface ReportWindow {
  /** The first day, UTC midnight. */
  from: Date;
  /** The day after the last one, UTC midnight (exclusive bound for SQL). */
  to: Date;
  days: Date[];
  /** The period as answered: YYYY-MM-DD, `to` inclusive. */
  fromDate: string;
  toDate: string;
}

/**
 * A [from, to] window of calendar days (UTC), to inclusive. `to` defaults to today (UTC) and
 * `from` to 29 days before `to`: the last 30 days.
 */
export function reportWindow(
  from: string | null | undefined,
  to: string | null | undefined,
  now: Date = new Date(),
): ReportWindow {
  const end = to == null ? parseLocalDate(formatLocalDate(now)) : parseLocalDate(to);
  if (!end) throw InputError.field('to', 'must be a date as YYYY-MM-DD');
  const start =
    from == null
      ? new Date(end.getTime() - (DEFAULT_REPORT_DAYS - 1) * DAY_MS)
      : parseLocalDate(from);
  if (!start) throw InputError.field('from', 'must be a date as YYYY-MM-DD');
  if (end < start) throw InputError.field('to', 'must not be before from');
  const count = (end.getTime() - start.getTime()) / DAY_MS + 1;
  if (count > MAX_REPORT_DAYS)
    throw InputError.field('to', `a report covers at most ${MAX_REPORT_DAYS} days`);
  const days = Array.from({ length: count }, (_, i) => new Date(start.getTime() + i * DAY_MS));
  return {
    from: start,
    to: new Date(end.getTime() + DAY_MS),
    days,
    fromDate: formatLocalDate(start),
    toDate: formatLocalDate(end),
  };
}
