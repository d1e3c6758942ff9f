import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import type { Sprint } from '../generated/prisma/client';
import { NotificationPublisher } from '../notifications/notification-publisher';
import { roundPoints } from './capacity';

/** The figures of a closing sprint a message carries (from its frozen capacity report). */
export interface ClosingSummary {
  committedPoints: number;
  completedPoints: number;
  reservedPoints: number;
  reserveUsedPoints: number;
  reserveUsedPercent: number | null;
  reserveOverflowPoints: number;
}

const sprintOf = (sprint: Sprint) => ({
  id: sprint.id,
  name: sprint.name,
  startDate: sprint.startDate.toISOString().slice(0, 10),
  endDate: sprint.endDate.toISOString().slice(0, 10),
});

/** Tells the team's channels about a sprint's start, close and reserve crossings. */
@Injectable()
export class SprintNotices {
  constructor(private readonly publisher: NotificationPublisher) {}

  /** The reserve crossed 80% (reserve.at_risk) or 100% (reserve.exhausted), recorded just now. */
  async crossed(
    tx: PrismaTx,
    sprint: Sprint,
    crossing: {
      threshold: number;
      at: Date;
      taskId: string | null;
      usedPoints: number;
      reservedPoints: number;
    },
  ): Promise<void> {
    const type = crossing.threshold >= 100 ? 'reserve.exhausted' : 'reserve.at_risk';
    const usedPercent =
      crossing.reservedPoints > 0
        ? Math.round((crossing.usedPoints / crossing.reservedPoints) * 100)
        : null;
    const reserve = {
      threshold: crossing.threshold,
      usedPoints: crossing.usedPoints,
      reservedPoints: crossing.reservedPoints,
      usedPercent,
      remainingPoints: roundPoints(Math.max(0, crossing.reservedPoints - crossing.usedPoints)),
    };
    const said = `${sprint.name}: production work used ${crossing.usedPoints} of ${crossing.reservedPoints} reserve points`;
    await this.publisher.publish(tx, [
      {
        type,
        teamId: sprint.teamId,
        occurredAt: crossing.at,
        ...(crossing.taskId ? { taskId: crossing.taskId } : {}),
        summary: (card) =>
          `${said}${usedPercent !== null ? ` (${usedPercent}%)` : ''}${card ? `; tipped by ${card.key} ${card.title}` : ''}`,
        data: { sprint: sprintOf(sprint), reserve },
      },
    ]);
  }

  async started(tx: PrismaTx, sprint: Sprint, at: Date): Promise<void> {
    await this.publisher.publish(tx, [
      {
        type: 'sprint.started',
        teamId: sprint.teamId,
        occurredAt: at,
        summary: `${sprint.name} started (${sprintOf(sprint).startDate} to ${sprintOf(sprint).endDate}): ${sprint.committedPoints ?? 0} points committed, ${sprint.reservedPoints} reserved for production work`,
        data: {
          sprint: sprintOf(sprint),
          committedPoints: sprint.committedPoints ?? 0,
          reserve: { reservedPoints: sprint.reservedPoints },
        },
      },
    ]);
  }

  async closed(tx: PrismaTx, sprint: Sprint, summary: ClosingSummary, at: Date): Promise<void> {
    const held = summary.reserveOverflowPoints <= 0;
    await this.publisher.publish(tx, [
      {
        type: 'sprint.closed',
        teamId: sprint.teamId,
        occurredAt: at,
        summary: `${sprint.name} closed: ${summary.completedPoints} of ${summary.committedPoints} committed points done; production work used ${summary.reserveUsedPoints} of ${summary.reservedPoints} reserve points, ${held ? 'the reserve held' : `${summary.reserveOverflowPoints} over the reserve`}`,
        data: {
          sprint: sprintOf(sprint),
          capacity: { ...summary, reserveHeld: held },
          reserve: {
            usedPoints: summary.reserveUsedPoints,
            reservedPoints: summary.reservedPoints,
            usedPercent: summary.reserveUsedPercent,
          },
        },
      },
    ]);
  }
}
