import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import { cardLine, type NotificationEvent } from '../notifications/notification-events';
import { NotificationPublisher } from '../notifications/notification-publisher';
import type { SlaNoticeRow } from './sla.repository';

const TARGET = { ACK: 'acknowledge', RESOLVE: 'resolve' } as const;

/** Tells the team's channels of SLA targets at risk and breached, in the scan's transaction. */
@Injectable()
export class SlaNotices {
  constructor(private readonly publisher: NotificationPublisher) {}

  async publish(
    tx: PrismaTx,
    found: { atRisk: SlaNoticeRow[]; breached: SlaNoticeRow[] },
  ): Promise<void> {
    const events = [
      ...found.atRisk.map((row) => eventOf(row, 'sla.at_risk')),
      ...found.breached.map((row) => eventOf(row, 'sla.breached')),
    ];
    if (events.length > 0) await this.publisher.publish(tx, events);
  }
}

function eventOf(row: SlaNoticeRow, type: 'sla.at_risk' | 'sla.breached'): NotificationEvent {
  const due = row.dueAt.toISOString();
  return {
    type,
    teamId: row.teamId,
    occurredAt: type === 'sla.breached' ? row.dueAt : new Date(),
    taskId: row.taskId,
    summary: (card) =>
      type === 'sla.breached'
        ? `${cardLine(card)} missed its time to ${TARGET[row.target]} (due ${due})`
        : `${cardLine(card)} must be ${row.target === 'ACK' ? 'acknowledged' : 'resolved'} by ${due}`,
    data: { target: row.target, dueAt: due },
  };
}
