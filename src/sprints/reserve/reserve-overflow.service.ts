import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../../common/database/prisma.service';
import { alertSettingsOf } from '../../alerts/alert-settings';
import type { ReplanProposal, Sprint } from '../../generated/prisma/client';
import { TeamsRepository } from '../../teams/teams.repository';
import { roundPoints } from '../capacity';
import { ReserveFrozenError } from '../sprints.errors';
import { SprintsRepository } from '../sprints.repository';
import { ReplanProposalsRepository } from './replan-proposals.repository';
import { selectReplan } from './replan-selection';
import { ReserveUsageRepository } from './reserve-usage.repository';

/**
 * The overflow an earlier proposal already answered for: an accepted one covered what it moved
 * out (on top of what came before it), a rejected one accepted the overflow as it stood.
 */
export function coveredBy(
  latest: Pick<
    ReplanProposal,
    'status' | 'coveredPoints' | 'proposedPoints' | 'overflowPoints'
  > | null,
): number {
  if (!latest) return 0;
  if (latest.status === 'ACCEPTED')
    return roundPoints(latest.coveredPoints + latest.proposedPoints);
  return latest.overflowPoints;
}

export interface OverflowFigures {
  sprintId: string;
  usedPoints: number;
  reservedPoints: number;
  overflowPoints: number;
}

/** What the team's reserveOverflowPolicy does once unplanned production work passes the reserve. */
@Injectable()
export class ReserveOverflowService {
  constructor(
    private readonly proposals: ReplanProposalsRepository,
    private readonly usage: ReserveUsageRepository,
    private readonly sprints: SprintsRepository,
    private readonly teams: TeamsRepository,
  ) {}

  /**
   * PROPOSE_SWAP, after a charge left `used` points of unplanned production work: proposes the
   * planned work to move out for the overflow not yet answered for, unless a proposal is pending.
   */
  async proposeIfUncovered(
    tx: PrismaTx,
    sprint: Sprint,
    used: number,
    taskId: string | null,
    at: Date,
  ): Promise<void> {
    const overflow = roundPoints(used - sprint.reservedPoints);
    if (overflow <= 0) return;
    const latest = await this.proposals.latest(tx, sprint.id);
    if (latest?.status === 'PENDING') return;
    const covered = coveredBy(latest);
    if (overflow <= covered) return;
    const target = roundPoints(overflow - covered);
    const selection = selectReplan(await this.proposals.candidates(tx, sprint.id), target);
    if (selection.tasks.length === 0) return;
    await this.proposals.insert(tx, {
      sprintId: sprint.id,
      sequence: (latest?.sequence ?? 0) + 1,
      taskId,
      createdAt: at,
      usedPoints: roundPoints(used),
      reservedPoints: sprint.reservedPoints,
      overflowPoints: overflow,
      coveredPoints: covered,
      targetPoints: target,
      proposedPoints: selection.points,
      tasks: selection.tasks.map((t) => ({
        taskId: t.taskId,
        key: t.key,
        title: t.title,
        priority: t.priority,
        points: t.points,
      })),
    });
  }

  /**
   * FREEZE_PLANNED_STARTS: starting planned work while the reserve overflows needs `force`.
   * Returns the figures when the freeze applies (and was forced), null when it does not.
   */
  async checkPlannedStart(
    tx: PrismaTx,
    sprintId: string,
    force: boolean,
  ): Promise<OverflowFigures | null> {
    const sprint = await this.sprints.findById(sprintId, tx);
    if (!sprint || sprint.state !== 'ACTIVE' || !sprint.startedAt) return null;
    const team = (await this.teams.findByIds([sprint.teamId], tx))[0];
    if (!team || team.reserveOverflowPolicy !== 'FREEZE_PLANNED_STARTS') return null;
    const used = roundPoints(
      await this.usage.usedPoints(
        { id: sprint.id, startedAt: sprint.startedAt },
        alertSettingsOf(team).estimates,
        tx,
      ),
    );
    const overflow = roundPoints(used - sprint.reservedPoints);
    if (overflow <= 0) return null;
    const figures = {
      sprintId: sprint.id,
      usedPoints: used,
      reservedPoints: sprint.reservedPoints,
      overflowPoints: overflow,
    };
    if (!force) throw new ReserveFrozenError(figures);
    return figures;
  }
}
