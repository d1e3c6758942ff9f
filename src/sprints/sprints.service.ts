import { Injectable } from '@nestjs/common';
import { PrismaService } from '../common/database/prisma.service';
import { InputError } from '../common/errors/app-error';
import { SprintReserveService } from './reserve/sprint-reserve.service';
import { parseLocalDate } from '../common/graphql/date.scalar';
import type { Sprint, SprintState } from '../generated/prisma/client';
import { MembersService } from '../teams/members.service';
import { TeamHolidaysRepository } from '../teams/team-holidays.repository';
import { TeamsService } from '../teams/teams.service';
import { checkDaysOff } from './days-off';
import {
  CreateSprintInput,
  SetMemberAvailabilityInput,
  UpdateSprintInput,
} from './dto/sprint.inputs';
import { SprintNotFoundError, SprintStateError } from './sprints.errors';
import { SprintsRepository } from './sprints.repository';

/** Longest sprint accepted: a quarter. Longer is almost certainly a typo in a date. */
export const MAX_SPRINT_DAYS = 92;
const DAY_MS = 24 * 3600 * 1000;

@Injectable()
export class SprintsService {
  constructor(
    private readonly prisma: PrismaService,
    private readonly reserves: SprintReserveService,
    private readonly sprints: SprintsRepository,
    private readonly teams: TeamsService,
    private readonly members: MembersService,
    private readonly holidays: TeamHolidaysRepository,
  ) {}

  async get(id: string): Promise<Sprint> {
    const sprint = await this.sprints.findById(id);
    if (!sprint) throw new SprintNotFoundError(id);
    return sprint;
  }

  async list(teamId: string, state?: SprintState): Promise<Sprint[]> {
    await this.teams.get({ id: teamId });
    return this.sprints.findByTeams([teamId], state);
  }

  async create(input: CreateSprintInput): Promise<Sprint> {
    await this.teams.get({ id: input.teamId });
    const { startDate, endDate } = checkDates(input.startDate, input.endDate, 'input');
    return this.sprints.create({
      teamId: input.teamId,
      name: input.name,
      goal: input.goal ?? null,
      startDate,
      endDate,
      focusFactor: input.focusFactor ?? 1,
    });
  }

  async update(id: string, input: UpdateSprintInput): Promise<Sprint> {
    // null clears the goal; the name and focus factor cannot be cleared.
    for (const field of ['name', 'focusFactor'] as const)
      if (input[field] === null) throw InputError.field(`input.${field}`, 'must not be null');
    const sprint = await this.get(id);
    if (sprint.state === 'CLOSED')
      throw new SprintStateError(`Sprint "${sprint.name}" is closed`, sprint.state);
    if (input.startDate !== undefined && sprint.state !== 'PLANNED') {
      throw InputError.field('input.startDate', 'can only change before the sprint starts');
    }
    const { startDate, endDate } = checkDates(
      input.startDate ?? formatDate(sprint.startDate),
      input.endDate ?? formatDate(sprint.endDate),
      'input',
    );
    return this.sprints.update(id, {
      name: input.name,
      goal: input.goal === undefined ? undefined : input.goal,
      startDate,
      endDate,
      focusFactor: input.focusFactor,
    });
  }

  async setReserve(sprintId: string, points: number): Promise<Sprint> {
    if (!Number.isFinite(points) || points < 0 || points > 10_000) {
      throw InputError.field('points', 'must be a number of points from 0 to 10000');
    }
    // Read and write under the sprint's lock: a start freezing the reserve cannot interleave.
    return this.prisma.$transaction(async (tx) => {
      const sprint = await this.sprints.lock(tx, sprintId);
      if (!sprint) throw new SprintNotFoundError(sprintId);
      if (sprint.state === 'CLOSED') {
        throw new SprintStateError(`Sprint "${sprint.name}" is closed`, sprint.state);
      }
      return this.reserves.override(tx, sprint, points);
    });
  }

  async setMemberAvailability(input: SetMemberAvailabilityInput): Promise<Sprint> {
    const daysOff = input.daysOff ?? undefined;
    const dated = input.daysOffDates ?? undefined;
    if (daysOff !== undefined && dated !== undefined) {
      throw InputError.field(
        'input.daysOff',
        'give the days off either as a number (daysOff, deprecated) or as dates (daysOffDates), not both',
      );
    }
    const member = await this.members.getActive(input.memberId);
    const team = await this.teams.get({ id: member.teamId });
    // Under the sprint's lock: a start or close, or another change to the member's days off,
    // cannot interleave, and the dates and the count are replaced together.
    return this.prisma.$transaction(async (tx) => {
      const sprint = await this.sprints.lock(tx, input.sprintId);
      if (!sprint) throw new SprintNotFoundError(input.sprintId);
      if (sprint.state === 'CLOSED')
        throw new SprintStateError(`Sprint "${sprint.name}" is closed`, sprint.state);
      if (member.teamId !== sprint.teamId)
        throw InputError.field('input.memberId', "is not a member of the sprint's team");
      let datesOff: { date: Date; fraction: number }[] | undefined;
      if (dated !== undefined) {
        const checked = checkDaysOff(dated, {
          startDate: sprint.startDate,
          endDate: sprint.endDate,
          workingDays: team.workingDays,
          holidays: await this.holidays.findForTeams(
            [team.id],
            { from: sprint.startDate, to: sprint.endDate },
            tx,
          ),
        });
        if (checked.problems.length > 0) throw new InputError(checked.problems);
        datesOff = checked.datesOff;
      }
      // Omitting capacityPerDay keeps an earlier override: setting days off must not drop it.
      await this.sprints.setAvailability(tx, sprint.id, member.id, {
        daysOff,
        datesOff,
        capacityPerDay: input.capacityPerDay,
      });
      return sprint;
    });
  }
}

function formatDate(date: Date): string {
  return date.toISOString().slice(0, 10);
}

function checkDates(
  start: string,
  end: string,
  prefix: string,
): { startDate: Date; endDate: Date } {
  const startDate = parseLocalDate(start);
  const endDate = parseLocalDate(end);
  if (!startDate) throw InputError.field(`${prefix}.startDate`, 'must be a date as YYYY-MM-DD');
  if (!endDate) throw InputError.field(`${prefix}.endDate`, 'must be a date as YYYY-MM-DD');
  if (endDate <= startDate) throw InputError.field(`${prefix}.endDate`, 'must be after startDate');
  if ((endDate.getTime() - startDate.getTime()) / DAY_MS + 1 > MAX_SPRINT_DAYS) {
    throw InputError.field(`${prefix}.endDate`, `a sprint lasts at most ${MAX_SPRINT_DAYS} days`);
  }
  return { startDate, endDate };
}
