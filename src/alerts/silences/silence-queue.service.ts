import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../../common/database/prisma.service';
import { OutboxService } from '../../outbox/outbox.service';
import { SilencesRepository } from './silences.repository';

/** The payload names the alert only: the sender reads what the alert is when it sends. */
export interface SilencePayload {
  alertId: string;
}

/**
 * Tells Alertmanager, through the outbox, that an alert's mute changed: called in the transaction
 * of the change, so a rolled-back change sends nothing and a committed one reaches an
 * Alertmanager that is down when it returns.
 */
@Injectable()
export class SilenceQueueService {
  constructor(
    private readonly outbox: OutboxService,
    private readonly silences: SilencesRepository,
  ) {}

  async syncTask(tx: PrismaTx, taskId: string): Promise<void> {
    await this.enqueue(tx, await this.silences.toSyncForTask(tx, taskId));
  }

  async syncAlert(tx: PrismaTx, alert: { id: string; teamId: string }): Promise<void> {
    if (await this.silences.needsSync(tx, alert.id)) await this.enqueue(tx, [alert]);
  }

  private async enqueue(tx: PrismaTx, alerts: { id: string; teamId: string }[]): Promise<void> {
    if (alerts.length === 0) return;
    await this.outbox.enqueue(
      tx,
      alerts.map((alert) => ({
        teamId: alert.teamId,
        kind: 'ALERTMANAGER_SILENCE' as const,
        topic: `alert:${alert.id}`,
        payload: { alertId: alert.id } satisfies SilencePayload,
      })),
    );
  }
}
