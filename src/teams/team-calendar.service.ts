import { Injectable } from '@nestjs/common';
import { PrismaService } from '../common/database/prisma.service';
import { InputError } from '../common/errors/app-error';
import { parseLocalDate } from '../common/graphql/date.scalar';
import type { Team } from '../generated/prisma/client';
import { TeamHolidaysRepository } from './team-holidays.repository';
import { TeamNotFoundError } from './teams.errors';
import { TeamsRepository } from './teams.repository';
import { TeamsService } from './teams.service';

/** Most dates one call takes: a year of them. */
export const MAX_HOLIDAY_DATES = 366;

/**
 * The team's non-working dates. Capacity is computed when read, so a change here moves the
 * capacity (and, while PLANNED, the reserve) of the team's sprints at once; an ACTIVE sprint's
 * reserve and commitment stay as frozen at its start.
 */
@Injectable()
export class TeamCalendarService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly teams: TeamsService,
    private readonly teamRows: TeamsRepository,
    private readonly holidays: TeamHolidaysRepository,
  ) {}

  /** Adds the dates as holidays named `name`; a date already a holiday takes the new name. */
  async add(teamId: string, dates: string[], name: string): Promise<Team> {
    const trimmed = name.trim();
    if (trimmed.length === 0) throw InputError.field('name', 'must not be empty');
    if (trimmed.length > 200) throw InputError.field('name', 'must be at most 200 characters');
    const parsed = parseDates(dates);
    // The team's lock: the team cannot go away between the check and the insert.
    await this.prisma.$transaction(async (tx) => {
      if (!(await this.teamRows.lock(tx, teamId))) throw new TeamNotFoundError(teamId);
      await this.holidays.upsert(tx, teamId, parsed, trimmed);
    });
    return this.teams.get({ id: teamId });
  }

  /** Removes the dates from the team's holidays; a date that is not one is ignored. */
  async remove(teamId: string, dates: string[]): Promise<Team> {
    const parsed = parseDates(dates);
    await this.prisma.$transaction(async (tx) => {
      if (!(await this.teamRows.lock(tx, teamId))) throw new TeamNotFoundError(teamId);
      await this.holidays.remove(tx, teamId, parsed);
    });
    return this.teams.get({ id: teamId });
  }
}

function parseDates(dates: string[]): Date[] {
  if (dates.length === 0) throw InputError.field('dates', 'give at least one date');
  if (dates.length > MAX_HOLIDAY_DATES)
    throw InputError.field('dates', `at most ${MAX_HOLIDAY_DATES} dates at once`);
  const unique = new Map<number, Date>();
  dates.forEach((value, i) => {
    const date = parseLocalDate(value);
    if (!date) throw InputError.field(`dates[${i}]`, 'must be a date as YYYY-MM-DD');
    unique.set(date.getTime(), date);
  });
  return [...unique.values()];
}
