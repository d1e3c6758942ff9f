import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../../common/database/prisma.service';
import { cardLine, type NotificationEvent } from '../../notifications/notification-events';
import { NotificationPublisher } from '../../notifications/notification-publisher';

/** Tells the team's channels about alert cards a delivery created or reopened, in its transaction. */
@Injectable()
export class AlertCardNotices {
  constructor(private readonly publisher: NotificationPublisher) {}

  async publish(
    tx: PrismaTx,
    teamId: string,
    cards: { created: readonly string[]; reopened: readonly string[]; at: Date },
  ): Promise<void> {
    if (cards.created.length === 0 && cards.reopened.length === 0) return;
    const event = (taskId: string, reopened: boolean): NotificationEvent => ({
      type: reopened ? 'alert_card.reopened' : 'alert_card.created',
      teamId,
      occurredAt: cards.at,
      taskId,
      summary: (card) => `${cardLine(card)}${reopened ? ': the alert fired again' : ''}`,
      data: {},
    });
    await this.publisher.publishFor(tx, teamId, ['alert_card.created', 'alert_card.reopened'], () =>
      Promise.resolve([
        ...cards.created.map((id) => event(id, false)),
        ...cards.reopened.map((id) => event(id, true)),
      ]),
    );
  }
}
