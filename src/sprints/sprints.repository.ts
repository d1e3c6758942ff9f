import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import type {
  Prisma,
  Sprint,
  SprintMember,
  SprintMemberDayOff,
  SprintState,
} from '../generated/prisma/client';

export type SprintAvailability = SprintMember & { datesOff: SprintMemberDayOff[] };

@Injectable()
export class SprintsRepository {
  constructor(private readonly prisma: PrismaService) {}

  findById(id: string, tx: PrismaTx = this.prisma): Promise<Sprint | null> {
    return tx.sprint.findUnique({ where: { id } });
  }

  findByIds(ids: readonly string[]): Promise<Sprint[]> {
    return this.prisma.sprint.findMany({ where: { id: { in: [...ids] } } });
  }

  /** Sprints of the teams, newest start first. */
  findByTeams(teamIds: readonly string[], state?: SprintState): Promise<Sprint[]> {
    return this.prisma.sprint.findMany({
      where: { teamId: { in: [...teamIds] }, ...(state ? { state } : {}) },
      orderBy: [{ startDate: 'desc' }, { createdAt: 'desc' }],
    });
  }

  findActiveOfTeams(teamIds: readonly string[]): Promise<Sprint[]> {
    return this.prisma.sprint.findMany({
      where: { teamId: { in: [...teamIds] }, state: 'ACTIVE' },
    });
  }

  findActiveOfTeam(teamId: string, tx: PrismaTx = this.prisma): Promise<Sprint | null> {
    return tx.sprint.findFirst({ where: { teamId, state: 'ACTIVE' } });
  }

  create(data: {
    teamId: string;
    name: string;
    goal: string | null;
    startDate: Date;
    endDate: Date;
    focusFactor: number;
  }): Promise<Sprint> {
    return this.prisma.sprint.create({ data });
  }

  update(
    id: string,
    data: Partial<Pick<Sprint, 'name' | 'goal' | 'startDate' | 'endDate' | 'focusFactor'>>,
    tx: PrismaTx = this.prisma,
  ): Promise<Sprint> {
    return tx.sprint.update({ where: { id }, data });
  }

  markStarted(tx: PrismaTx, id: string, committedPoints: number, at: Date): Promise<Sprint> {
    return tx.sprint.update({
      where: { id },
      data: { state: 'ACTIVE', startedAt: at, committedPoints },
    });
  }

  markClosed(
    tx: PrismaTx,
    id: string,
    carry: { toId: string | null; count: number; points: number },
    at: Date,
  ): Promise<Sprint> {
    return tx.sprint.update({
      where: { id },
      data: {
        state: 'CLOSED',
        closedAt: at,
        carriedOverToId: carry.toId,
        carriedOverCount: carry.count,
        carriedOverPoints: carry.points,
      },
    });
  }

  delete(id: string, tx: PrismaTx = this.prisma): Promise<Sprint> {
    return tx.sprint.delete({ where: { id } });
  }

  /**
   * The team's ACTIVE sprint, share-locked: work added to it commits before a concurrent close
   * (which takes the row for update) or sees it closed and goes to the backlog instead.
   */
  async findActiveShared(tx: PrismaTx, teamId: string): Promise<Sprint | null> {
    const rows = await tx.$queryRaw<{ id: string }[]>`
      SELECT id FROM sprints WHERE team_id = ${teamId}::uuid AND state = 'ACTIVE' FOR SHARE`;
    const id = rows[0]?.id;
    return id ? tx.sprint.findUnique({ where: { id } }) : null;
  }

  /** Closed sprints of the teams, latest end first (the history a HISTORICAL reserve reads). */
  findClosedOfTeams(teamIds: readonly string[], tx: PrismaTx = this.prisma): Promise<Sprint[]> {
    return tx.sprint.findMany({
      where: { teamId: { in: [...teamIds] }, state: 'CLOSED' },
      orderBy: [{ endDate: 'desc' }, { closedAt: 'desc' }],
    });
  }

  setReserve(
    tx: PrismaTx,
    id: string,
    points: number,
    basis: Prisma.InputJsonValue,
    override: boolean,
  ): Promise<Sprint> {
    return tx.sprint.update({
      where: { id },
      data: { reservedPoints: points, reserveBasis: basis, reserveOverride: override },
    });
  }

  saveClosingReport(tx: PrismaTx, id: string, report: Prisma.InputJsonValue): Promise<Sprint> {
    return tx.sprint.update({ where: { id }, data: { closingReport: report } });
  }

  /** Locks the sprint row: planning decisions about its scope and state run one at a time. */
  async lock(tx: PrismaTx, id: string): Promise<Sprint | null> {
    const rows = await tx.$queryRaw<
      { id: string }[]
    >`SELECT id FROM sprints WHERE id = ${id}::uuid FOR UPDATE`;
    if (rows.length === 0) return null;
    return tx.sprint.findUnique({ where: { id } });
  }

  availabilityOf(
    sprintIds: readonly string[],
    tx: PrismaTx = this.prisma,
  ): Promise<SprintAvailability[]> {
    return tx.sprintMember.findMany({
      where: { sprintId: { in: [...sprintIds] } },
      include: { datesOff: { orderBy: { date: 'asc' } } },
    });
  }

  /**
   * A member's availability in a sprint. `capacityPerDay`: a number overrides, null clears the
   * override, undefined keeps it. `daysOff` (a number) or `datesOff` replace the days off, the
   * number clearing the dates and the dates the number; neither keeps them.
   */
  async setAvailability(
    tx: PrismaTx,
    sprintId: string,
    memberId: string,
    change: {
      daysOff?: number;
      datesOff?: { date: Date; fraction: number }[];
      capacityPerDay?: number | null;
    },
  ): Promise<void> {
    const replacing = change.daysOff !== undefined || change.datesOff !== undefined;
    const daysOff = change.datesOff ? 0 : change.daysOff;
    await tx.sprintMember.upsert({
      where: { sprintId_memberId: { sprintId, memberId } },
      create: {
        sprintId,
        memberId,
        daysOff: daysOff ?? 0,
        capacityPerDay: change.capacityPerDay ?? null,
      },
      update: { daysOff, capacityPerDay: change.capacityPerDay },
    });
    if (!replacing) return;
    await tx.sprintMemberDayOff.deleteMany({ where: { sprintId, memberId } });
    if (change.datesOff?.length) {
      await tx.sprintMemberDayOff.createMany({
        data: change.datesOff.map((d) => ({ sprintId, memberId, ...d })),
      });
    }
  }

  /** Σ estimates of the live tasks in each sprint (unestimated tasks count 0). */
  async scopePoints(
    sprintIds: readonly string[],
    tx: PrismaTx = this.prisma,
  ): Promise<Map<string, number>> {
    const rows = await tx.task.groupBy({
      by: ['sprintId'],
      where: { sprintId: { in: [...sprintIds] }, deletedAt: null },
      _sum: { estimate: true },
    });
    return new Map(rows.map((r) => [r.sprintId as string, r._sum.estimate ?? 0]));
  }
}
