import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../../common/database/prisma.service';
import { alertSettingsOf } from '../../alerts/alert-settings';
import type { Prisma, Sprint, Team } from '../../generated/prisma/client';
import { TeamsRepository } from '../../teams/teams.repository';
import { roundPoints, SprintCapacity } from '../capacity';
import { SprintCapacityService } from '../sprint-capacity.service';
import { SprintsRepository } from '../sprints.repository';
import { DEFAULT_RESERVE_POLICY, ReservePolicy } from '../../teams/reserve-policy';
import {
  computeReserve,
  HistorySample,
  Reserve,
  ReserveBasis,
  reserveReached,
} from './reserve-policy';
import { ReplanProposalsRepository } from './replan-proposals.repository';
import { ReserveOverflowService } from './reserve-overflow.service';
import { ReserveUsageRepository } from './reserve-usage.repository';
import { SprintNotices } from '../sprint-notices';

export const RESERVE_THRESHOLDS = [80, 100] as const;

export function reservePolicyOf(team: Pick<Team, 'reservePolicy'>): ReservePolicy {
  return (team.reservePolicy as ReservePolicy | null) ?? DEFAULT_RESERVE_POLICY;
}

/** What a closed sprint's snapshot says about its unplanned production work. */
interface ClosingFigures {
  workingDays?: number;
  unplannedProduction?: { points?: number };
}

/**
 * The production-change reserve of sprints: sized by the team's policy while a sprint is
 * PLANNED (so it follows capacity changes), frozen when it starts, or set by hand.
 */
@Injectable()
export class SprintReserveService {
  constructor(
    private readonly notices: SprintNotices,
    private readonly sprints: SprintsRepository,
    private readonly teams: TeamsRepository,
    private readonly capacity: SprintCapacityService,
    private readonly usage: ReserveUsageRepository,
    private readonly proposals: ReplanProposalsRepository,
    private readonly overflow: ReserveOverflowService,
  ) {}

  async reserveFor(sprint: Sprint, tx?: PrismaTx): Promise<Reserve> {
    return (await this.reservesFor([sprint], tx))[0] as Reserve;
  }

  /** Reserves of many sprints, sharing the team and history lookups. */
  async reservesFor(sprints: readonly Sprint[], tx?: PrismaTx): Promise<Reserve[]> {
    const live = sprints.filter((s) => s.state === 'PLANNED' && !s.reserveOverride);
    const liveCapacities = live.length ? await this.capacity.forSprints(live, tx) : [];
    const teamIds = [...new Set(live.map((s) => s.teamId))];
    const teams = new Map(
      (teamIds.length ? await this.teams.findByIds(teamIds, tx) : []).map((t) => [t.id, t]),
    );
    const closed = teamIds.length ? await this.sprints.findClosedOfTeams(teamIds, tx) : [];
    return sprints.map((sprint) => {
      const index = live.indexOf(sprint);
      if (index < 0) return this.stored(sprint);
      const capacity = liveCapacities[index] as SprintCapacity;
      const team = teams.get(sprint.teamId);
      const history: HistorySample[] = closed
        .filter(
          (c) => c.teamId === sprint.teamId && c.id !== sprint.id && c.endDate <= sprint.startDate,
        )
        .map((c) => {
          const figures = (c.closingReport ?? {}) as ClosingFigures;
          return {
            sprintId: c.id,
            name: c.name,
            unplannedProductionPoints: figures.unplannedProduction?.points ?? 0,
            workingDays: figures.workingDays ?? 0,
          };
        });
      return computeReserve(
        team ? reservePolicyOf(team) : DEFAULT_RESERVE_POLICY,
        capacity,
        history,
      );
    });
  }

  /** At start: the reserve stops following the policy and capacity. */
  async freeze(tx: PrismaTx, sprint: Sprint): Promise<Sprint> {
    if (sprint.reserveOverride) return sprint;
    const reserve = await this.reserveFor(sprint, tx);
    return this.sprints.setReserve(
      tx,
      sprint.id,
      reserve.points,
      reserve.basis as unknown as Prisma.InputJsonValue,
      false,
    );
  }

  /** A person's number replaces the policy's; recorded as an override, with the capacity then. */
  async override(tx: PrismaTx, sprint: Sprint, points: number): Promise<Sprint> {
    const capacity = await this.capacity.forSprint(sprint, tx);
    const basis: ReserveBasis = {
      mode: 'FIXED_POINTS',
      value: points,
      capacityPoints: capacity.capacityPoints,
      workingDays: capacity.workingDays,
      percentile: null,
      lookbackSprints: null,
      samples: [],
      perDay: null,
      rawPoints: points,
      clamped: null,
      fallback: false,
      override: true,
    };
    return this.sprints.setReserve(
      tx,
      sprint.id,
      roundPoints(points),
      basis as unknown as Prisma.InputJsonValue,
      true,
    );
  }

  /**
   * After unplanned production work lands in an ACTIVE sprint: records the moment usage crosses
   * 80% and 100% of the reserve, and the card that tipped it (once per threshold); with the
   * team's PROPOSE_SWAP policy, an overflow not yet answered for makes a replan proposal.
   */
  async recordCrossings(
    tx: PrismaTx,
    sprintId: string,
    taskId: string | null,
    at: Date,
  ): Promise<void> {
    // Each threshold is recorded once, at its first crossing: once both are, the sprint's usage
    // (a sum over its scope, paid by every alert card otherwise) need not be computed again,
    // except for teams whose further overflow may make a new proposal.
    const recorded = await this.usage.recordedThresholds(tx, sprintId);
    const pending = RESERVE_THRESHOLDS.filter((threshold) => !recorded.has(threshold));
    if (
      pending.length === 0 &&
      (await this.proposals.overflowPolicyOfSprint(tx, sprintId)) !== 'PROPOSE_SWAP'
    )
      return;
    const sprint = await this.sprints.findById(sprintId, tx);
    if (!sprint || sprint.state !== 'ACTIVE' || !sprint.startedAt) return;
    const team = (await this.teams.findByIds([sprint.teamId], tx))[0];
    if (!team) return;
    const used = await this.usage.usedPoints(
      { id: sprint.id, startedAt: sprint.startedAt },
      alertSettingsOf(team).estimates,
      tx,
    );
    for (const threshold of pending) {
      if (used > 0 && reserveReached(used, sprint.reservedPoints, threshold)) {
        const crossing = {
          sprintId: sprint.id,
          threshold,
          at,
          taskId,
          usedPoints: roundPoints(used),
          reservedPoints: sprint.reservedPoints,
        };
        if (await this.usage.recordCrossing(tx, crossing))
          await this.notices.crossed(tx, sprint, crossing);
      }
    }
    if (team.reserveOverflowPolicy === 'PROPOSE_SWAP')
      await this.overflow.proposeIfUncovered(tx, sprint, used, taskId, at);
  }

  private stored(sprint: Sprint): Reserve {
    const basis = (sprint.reserveBasis as ReserveBasis | null) ?? {
      mode: 'FIXED_POINTS' as const,
      value: sprint.reservedPoints,
      capacityPoints: 0,
      workingDays: 0,
      percentile: null,
      lookbackSprints: null,
      samples: [],
      perDay: null,
      rawPoints: sprint.reservedPoints,
      clamped: null,
      fallback: false,
      override: sprint.reserveOverride,
    };
    return { points: sprint.reservedPoints, basis };
  }
}
