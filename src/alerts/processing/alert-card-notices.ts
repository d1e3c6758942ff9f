import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../../common/database/prisma.service';
import type { NotificationEvent } from '../../notifications/notification-events';
import { NotificationPublisher } from '../../notifications/notification-publisher';
import { type AlertCardNotice, AlertsRepository } from './alerts.repository';

/** Tells the team's channels about alert cards a delivery created or reopened, in its transaction. */
@Injectable()
export class AlertCardNotices {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly publisher: NotificationPublisher,
  ) {}

  async publish(
    tx: PrismaTx,
    teamId: string,
    cards: { created: readonly string[]; reopened: readonly string[]; at: Date },
  ): Promise<void> {
    if (cards.created.length === 0 && cards.reopened.length === 0) return;
    await this.publisher.publishFor(
      tx,
      teamId,
      ['alert_card.created', 'alert_card.reopened'],
      async () => {
        const found = await this.alerts.cardsForNotice(tx, [...cards.created, ...cards.reopened]);
        const reopened = new Set(cards.reopened);
        return found.map((card) => eventOf(teamId, card, reopened.has(card.id), cards.at));
      },
    );
  }
}

function eventOf(
  teamId: string,
  card: AlertCardNotice,
  reopened: boolean,
  at: Date,
): NotificationEvent {
  const where = [card.environment, card.component].filter(Boolean).join('/');
  return {
    type: reopened ? 'alert_card.reopened' : 'alert_card.created',
    teamId,
    occurredAt: at,
    summary: `${card.key} ${card.title} (${card.priority}${where ? `, ${where}` : ''})${reopened ? ': the alert fired again' : ''}`,
    card: {
      id: card.id,
      key: card.key,
      title: card.title,
      priority: card.priority,
      boardId: card.boardId,
      environment: card.environment,
      component: card.component,
    },
    data: { alert: { name: card.alertName, severity: card.severity } },
  };
}
