import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { byKey, groupByKey, LoaderCache } from '../common/graphql/loader-cache';
import type { Member, Team, TeamHoliday } from '../generated/prisma/client';
import { MembersRepository } from './members.repository';
import { TeamHolidaysRepository } from './team-holidays.repository';
import { TeamsRepository } from './teams.repository';

@Injectable()
export class TeamsLoader {
  constructor(
    private readonly teams: TeamsRepository,
    private readonly members: MembersRepository,
    private readonly holidayRows: TeamHolidaysRepository,
  ) {}

  holidays(cache: LoaderCache): DataLoader<string, TeamHoliday[]> {
    return cache.get(
      'team.holidays',
      () =>
        new DataLoader(async (teamIds) =>
          groupByKey(
            teamIds,
            cache.visible(await this.holidayRows.findForTeams(teamIds), (h) => h.teamId),
            (h) => h.teamId,
          ),
        ),
    );
  }

  team(cache: LoaderCache): DataLoader<string, Team | null> {
    return cache.get(
      'team.byId',
      () =>
        new DataLoader(async (ids) =>
          byKey(
            ids,
            cache.visible(await this.teams.findByIds(ids), (t) => t.id),
            (t) => t.id,
          ),
        ),
    );
  }

  member(cache: LoaderCache): DataLoader<string, Member | null> {
    return cache.get(
      'member.byId',
      () =>
        new DataLoader(async (ids) => {
          const members = byKey(
            ids,
            cache.visible(await this.members.findByIds(ids), (m) => m.teamId),
            (m) => m.id,
          );
          const settled = cache.settled<string, Member | null>('member.byId');
          ids.forEach((id, i) => settled.set(id, members[i] ?? null));
          return members;
        }),
    );
  }

  /** A member this request has already loaded (null: missing or not visible), else undefined. */
  memberIfLoaded(cache: LoaderCache, id: string): Member | null | undefined {
    return cache.settled<string, Member | null>('member.byId').get(id);
  }

  activeMembers(cache: LoaderCache): DataLoader<string, Member[]> {
    return cache.get(
      'member.activeByTeam',
      () =>
        new DataLoader(async (teamIds) =>
          groupByKey(
            teamIds,
            cache.visible(await this.members.findActiveByTeams(teamIds), (m) => m.teamId),
            (m) => m.teamId,
          ),
        ),
    );
  }
}
