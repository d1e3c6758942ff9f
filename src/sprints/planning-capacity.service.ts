import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import type { Sprint } from '../generated/prisma/client';
import { roundPoints } from './capacity';
import { SprintReserveService } from './reserve/sprint-reserve.service';
import { SprintCapacityService } from './sprint-capacity.service';
import { CapacityExceededError } from './sprints.errors';
import { SprintsRepository } from './sprints.repository';

/**
 * The planning rule: a PLANNED sprint's scope may not exceed its plannable points
 * (capacity − reserve) unless forced. Callers hold the sprint's row lock, so two planners cannot
 * both squeeze into the last free points.
 */
@Injectable()
export class PlanningCapacityService {
  constructor(
    private readonly sprints: SprintsRepository,
    private readonly capacity: SprintCapacityService,
    private readonly reserves: SprintReserveService,
  ) {}

  async assertRoomFor(
    tx: PrismaTx,
    sprint: Sprint,
    addedPoints: number,
    force: boolean,
  ): Promise<void> {
    if (force || sprint.state !== 'PLANNED' || addedPoints <= 0) return;
    const [scope, capacity, reserve] = await Promise.all([
      this.sprints.scopePoints([sprint.id], tx),
      this.capacity.forSprint(sprint, tx),
      this.reserves.reserveFor(sprint, tx),
    ]);
    const planned = roundPoints((scope.get(sprint.id) ?? 0) + addedPoints);
    const plannable = roundPoints(Math.max(0, capacity.capacityPoints - reserve.points));
    if (planned > plannable) {
      throw new CapacityExceededError({
        planned,
        plannable,
        excess: roundPoints(planned - plannable),
      });
    }
  }
}
