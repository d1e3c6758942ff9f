import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../common/database/prisma.service';
import type { NotificationChannel, Prisma } from '../generated/prisma/client';
import type { EventCard } from './notification-events';

export interface TeamHeader {
  id: string;
  key: string;
  name: string;
}

/** Notification channels, and the team header every message carries. */
@Injectable()
export class NotificationChannelsRepository {
  constructor(private readonly prisma: PrismaService) {}

  create(data: Prisma.NotificationChannelUncheckedCreateInput): Promise<NotificationChannel> {
    return this.prisma.notificationChannel.create({ data });
  }

  update(
    id: string,
    data: Prisma.NotificationChannelUncheckedUpdateInput,
  ): Promise<NotificationChannel> {
    return this.prisma.notificationChannel.update({ where: { id }, data });
  }

  delete(id: string): Promise<NotificationChannel> {
    return this.prisma.notificationChannel.delete({ where: { id } });
  }

  findById(id: string): Promise<NotificationChannel | null> {
    return this.prisma.notificationChannel.findUnique({ where: { id } });
  }

  findForTeam(teamId: string): Promise<NotificationChannel[]> {
    return this.prisma.notificationChannel.findMany({
      where: { teamId },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
  }

  /** The team's enabled channels, read in the transaction that publishes an event. */
  enabledForTeam(tx: PrismaTx, teamId: string): Promise<NotificationChannel[]> {
    return tx.notificationChannel.findMany({
      where: { teamId, enabled: true },
      orderBy: { id: 'asc' },
    });
  }

  teamHeader(tx: PrismaTx, teamId: string): Promise<TeamHeader | null> {
    return tx.team.findUnique({
      where: { id: teamId },
      select: { id: true, key: true, name: true },
    });
  }

  /** Cards as a message shows them: key, title, priority, board, and where their alert fires. */
  cardsForNotice(tx: PrismaTx, taskIds: readonly string[]): Promise<EventCard[]> {
    if (taskIds.length === 0) return Promise.resolve([]);
    return tx.$queryRaw<EventCard[]>`
      SELECT t.id, t.key, t.title, t.priority::text AS priority, c.board_id AS "boardId",
        a.environment, a.component
      FROM tasks t
      LEFT JOIN board_columns c ON c.id = t.column_id
      LEFT JOIN LATERAL (
        SELECT environment, component FROM alerts WHERE task_id = t.id
        ORDER BY last_seen_at DESC LIMIT 1) a ON true
      WHERE t.id = ANY(${[...taskIds]}::uuid[])`;
  }
}
