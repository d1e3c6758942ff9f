import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { PrismaTx } from '../common/database/prisma.service';
import { AppConfig } from '../config/app-config';
import type { Prisma } from '../generated/prisma/client';
import { OutboxService } from '../outbox/outbox.service';
import {
  NotificationChannelsRepository,
  type TeamHeader,
} from './notification-channels.repository';
import {
  type EventCard,
  type NotificationEvent,
  type ResolvedEvent,
  type NotificationEventType,
  type NotificationSubscription,
  wants,
} from './notification-events';
import type { NotificationPayload } from './notification-message';

/**
 * Tells a team's channels what happened, in the transaction of the change: one outbox message
 * per subscribed channel, written with the change, so a change that rolls back tells no one
 * and one that commits is told however long a receiver is away.
 */
@Injectable()
export class NotificationPublisher {
  constructor(
    private readonly channels: NotificationChannelsRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /** Queues the events for every channel that wants them; returns how many messages it queued. */
  async publish(tx: PrismaTx, events: readonly NotificationEvent[]): Promise<number> {
    let queued = 0;
    for (const teamId of new Set(events.map((e) => e.teamId))) {
      const channels = await this.channels.enabledForTeam(tx, teamId);
      if (channels.length === 0) continue;
      const team = await this.channels.teamHeader(tx, teamId);
      if (!team) continue;
      const resolved = await this.resolve(
        tx,
        events.filter((e) => e.teamId === teamId),
      );
      const rows = resolved.flatMap((event) => {
        const payload = this.payloadOf(event, team);
        return channels
          .filter((c) =>
            (c.events as unknown as NotificationSubscription[]).some((s) => wants(s, event)),
          )
          .map((c) => ({
            teamId,
            kind: 'NOTIFICATION' as const,
            channelId: c.id,
            topic: event.type,
            payload: payload as unknown as Prisma.InputJsonValue,
          }));
      });
      queued += (await this.outbox.enqueue(tx, rows)).length;
    }
    return queued;
  }

  /**
   * Publishes what `build` returns, calling it only when one of the team's enabled channels
   * subscribes to one of `types`: a team without channels pays one indexed read, not the
   * reads that describe the event.
   */
  async publishFor(
    tx: PrismaTx,
    teamId: string,
    types: readonly NotificationEventType[],
    build: () => Promise<NotificationEvent[]>,
  ): Promise<number> {
    const channels = await this.channels.enabledForTeam(tx, teamId);
    const subscribed = channels.some((c) =>
      (c.events as unknown as NotificationSubscription[]).some((s) => types.includes(s.type)),
    );
    if (!subscribed) return 0;
    const events = await build();
    return events.length > 0 ? this.publish(tx, events) : 0;
  }

  /** Reads the events' cards (one query) and writes their summaries. */
  private async resolve(tx: PrismaTx, events: NotificationEvent[]): Promise<ResolvedEvent[]> {
    const ids = [...new Set(events.flatMap((e) => (e.taskId ? [e.taskId] : [])))];
    const cards = new Map((await this.channels.cardsForNotice(tx, ids)).map((c) => [c.id, c]));
    return events.flatMap((event): ResolvedEvent[] => {
      const card = event.taskId ? cards.get(event.taskId) : undefined;
      if (event.taskId && !card) return [];
      const summary =
        typeof event.summary === 'string' ? event.summary : event.summary(card as EventCard);
      return [{ ...event, summary, ...(card ? { card } : {}) }];
    });
  }

  /** The stored message: the JSON event (one id for every channel) and what chat shows of it. */
  payloadOf(event: ResolvedEvent, team: TeamHeader): NotificationPayload {
    const { card } = event;
    const data = card ? { card: withoutNulls(card), ...event.data } : event.data;
    return {
      event: {
        id: randomUUID(),
        type: event.type,
        occurredAt: event.occurredAt.toISOString(),
        team,
        data,
      },
      summary: event.summary,
      link: this.linkOf(event, team),
      facts: [
        ...(card
          ? ([
              ['Priority', card.priority],
              ...(card.environment ? [['Environment', card.environment]] : []),
              ...(card.component ? [['Component', card.component]] : []),
            ] as [string, string][])
          : []),
        ...factsOf(event.data),
      ],
    };
  }

  private linkOf(event: ResolvedEvent, team: TeamHeader): string | null {
    const base = `${this.config.publicUrl}/teams/${encodeURIComponent(team.key)}`;
    if (event.card) {
      const board = event.card.boardId ? `/board/${event.card.boardId}` : '/board';
      return `${base}${board}?card=${encodeURIComponent(event.card.key)}`;
    }
    if (event.type.startsWith('sprint.') || event.type.startsWith('reserve.'))
      return `${base}/sprint`;
    return null;
  }
}

function withoutNulls<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(value).filter(([, v]) => v !== null && v !== undefined),
  ) as Partial<T>;
}

/** The reserve and SLA figures of an event, as chat facts. */
function factsOf(data: Record<string, unknown>): [string, string][] {
  const facts: [string, string][] = [];
  const reserve = data.reserve as
    { usedPoints?: number; reservedPoints?: number; usedPercent?: number } | undefined;
  if (reserve && reserve.usedPoints !== undefined)
    facts.push([
      'Reserve',
      `${reserve.usedPoints} of ${reserve.reservedPoints ?? 0} points used${reserve.usedPercent !== undefined ? ` (${reserve.usedPercent}%)` : ''}`,
    ]);
  if (typeof data.target === 'string' && typeof data.dueAt === 'string')
    facts.push([data.target === 'ACK' ? 'Acknowledge by' : 'Resolve by', data.dueAt]);
  if (typeof data.sprint === 'object' && data.sprint && 'name' in data.sprint)
    facts.push(['Sprint', String(data.sprint.name)]);
  return facts;
}
