import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { byKey, groupByKey, LoaderCache } from '../common/graphql/loader-cache';
import type { Sprint, SprintReserveEvent } from '../generated/prisma/client';
import type { Reserve } from './reserve/reserve-policy';
import { replanProposalView, type ReplanProposalView } from './reserve/replan-proposal-view';
import { ReplanProposalsRepository } from './reserve/replan-proposals.repository';
import { ReserveUsageRepository } from './reserve/reserve-usage.repository';
import { SprintReserveService } from './reserve/sprint-reserve.service';
import { SprintCapacity } from './capacity';
import { SprintCapacityService } from './sprint-capacity.service';
import { SprintsRepository } from './sprints.repository';

@Injectable()
export class SprintsLoader {
  constructor(
    private readonly sprints: SprintsRepository,
    private readonly capacityService: SprintCapacityService,
    private readonly reserves: SprintReserveService,
    private readonly usage: ReserveUsageRepository,
    private readonly proposals: ReplanProposalsRepository,
  ) {}

  sprint(cache: LoaderCache): DataLoader<string, Sprint | null> {
    return cache.get(
      'sprint.byId',
      () =>
        new DataLoader(async (ids) =>
          byKey(
            ids,
            cache.visible(await this.sprints.findByIds(ids), (s) => s.teamId),
            (s) => s.id,
          ),
        ),
    );
  }

  sprintsOfTeam(cache: LoaderCache): DataLoader<string, Sprint[]> {
    return cache.get(
      'sprint.byTeam',
      () =>
        new DataLoader(async (teamIds) =>
          groupByKey(
            teamIds,
            cache.visible(await this.sprints.findByTeams(teamIds), (s) => s.teamId),
            (s) => s.teamId,
          ),
        ),
    );
  }

  activeSprint(cache: LoaderCache): DataLoader<string, Sprint | null> {
    return cache.get(
      'sprint.activeByTeam',
      () =>
        new DataLoader(async (teamIds) =>
          byKey(
            teamIds,
            cache.visible(await this.sprints.findActiveOfTeams(teamIds), (s) => s.teamId),
            (s) => s.teamId,
          ),
        ),
    );
  }

  capacity(cache: LoaderCache): DataLoader<Sprint, SprintCapacity, string> {
    return cache.get(
      'sprint.capacity',
      () =>
        new DataLoader((sprints: readonly Sprint[]) => this.capacityService.forSprints(sprints), {
          cacheKeyFn: (s) => s.id,
        }),
    );
  }

  reserve(cache: LoaderCache): DataLoader<Sprint, Reserve, string> {
    return cache.get(
      'sprint.reserve',
      () =>
        new DataLoader((sprints: readonly Sprint[]) => this.reserves.reservesFor(sprints), {
          cacheKeyFn: (s) => s.id,
        }),
    );
  }

  reserveEvents(cache: LoaderCache): DataLoader<string, SprintReserveEvent[]> {
    return cache.get(
      'sprint.reserveEvents',
      () =>
        new DataLoader(async (ids) =>
          groupByKey(ids, await this.usage.eventsOf(ids), (e) => e.sprintId),
        ),
    );
  }

  replanProposals(cache: LoaderCache): DataLoader<string, ReplanProposalView[]> {
    return cache.get(
      'sprint.replanProposals',
      () =>
        new DataLoader(async (ids) =>
          groupByKey(
            ids,
            (await this.proposals.ofSprints(ids)).map(replanProposalView),
            (p) => p.sprintId,
          ),
        ),
    );
  }

  scopePoints(cache: LoaderCache): DataLoader<string, number> {
    return cache.get(
      'sprint.scopePoints',
      () =>
        new DataLoader(async (ids) => {
          const points = await this.sprints.scopePoints(ids);
          return ids.map((id) => points.get(id) ?? 0);
        }),
    );
  }
}
