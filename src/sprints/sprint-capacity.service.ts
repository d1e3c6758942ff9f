import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import type { Sprint } from '../generated/prisma/client';
import { MembersRepository } from '../teams/members.repository';
import { TeamHolidaysRepository } from '../teams/team-holidays.repository';
import { TeamsRepository } from '../teams/teams.repository';
import { computeCapacity, SprintCapacity } from './capacity';
import { SprintsRepository } from './sprints.repository';

/**
 * Capacity of sprints from their team's calendar (working days, holidays), members and
 * availability (days off as dates or as a number), in 5 queries whatever the number of sprints.
 */
@Injectable()
export class SprintCapacityService {
  constructor(
    private readonly sprints: SprintsRepository,
    private readonly teams: TeamsRepository,
    private readonly members: MembersRepository,
    private readonly holidays: TeamHolidaysRepository,
  ) {}

  async forSprint(sprint: Sprint, tx?: PrismaTx): Promise<SprintCapacity> {
    return (await this.forSprints([sprint], tx))[0] as SprintCapacity;
  }

  /** Pass `tx` inside a transaction: on the embedded database a query outside it would wait for it. */
  async forSprints(sprints: readonly Sprint[], tx?: PrismaTx): Promise<SprintCapacity[]> {
    if (sprints.length === 0) return [];
    const teamIds = [...new Set(sprints.map((s) => s.teamId))];
    const earliest = new Date(Math.min(...sprints.map((s) => s.startDate.getTime())));
    const latest = new Date(Math.max(...sprints.map((s) => s.endDate.getTime())));
    const [teams, members, availability, holidays] = await Promise.all([
      this.teams.findByIds(teamIds, tx),
      this.members.findForSprintsStarting(teamIds, earliest, tx),
      this.sprints.availabilityOf(
        sprints.map((s) => s.id),
        tx,
      ),
      this.holidays.findForTeams(teamIds, { from: earliest, to: latest }, tx),
    ]);
    const teamById = new Map(teams.map((t) => [t.id, t]));
    return sprints.map((sprint) =>
      computeCapacity({
        startDate: sprint.startDate,
        endDate: sprint.endDate,
        workingDays: teamById.get(sprint.teamId)?.workingDays ?? [],
        holidays: holidays.filter((h) => h.teamId === sprint.teamId).map((h) => h.date),
        focusFactor: sprint.focusFactor,
        members: members.filter(
          (m) =>
            m.teamId === sprint.teamId && (m.removedAt === null || m.removedAt >= sprint.startDate),
        ),
        availability: availability
          .filter((a) => a.sprintId === sprint.id)
          .map((a) => ({
            memberId: a.memberId,
            daysOff: a.daysOff,
            capacityPerDay: a.capacityPerDay,
            datesOff: a.datesOff.map((d) => ({ date: d.date, fraction: d.fraction })),
          })),
      }),
    );
  }
}
