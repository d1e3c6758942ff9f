import { Injectable } from '@nestjs/common';
import { PrismaService } from '../common/database/prisma.service';
import { InputError } from '../common/errors/app-error';
import { SprintReserveService } from './reserve/sprint-reserve.service';
import { parseLocalDate } from '../common/graphql/date.scalar';
import type { Sprint, SprintState } from '../generated/prisma/client';
import { MembersService } from '../teams/members.service';
import { TeamsService } from '../teams/teams.service';
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
    const sprint = await this.get(input.sprintId);
    if (sprint.state === 'CLOSED')
      throw new SprintStateError(`Sprint "${sprint.name}" is closed`, sprint.state);
    const member = await this.members.getActive(input.memberId);
    if (member.teamId !== sprint.teamId)
      throw InputError.field('input.memberId', "is not a member of the sprint's team");
    // Omitting capacityPerDay keeps an earlier override: setting days off must not drop it.
    await this.sprints.upsertAvailability(
      sprint.id,
      member.id,
      input.daysOff,
      input.capacityPerDay,
    );
    return sprint;
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
