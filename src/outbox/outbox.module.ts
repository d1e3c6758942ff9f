import { Module, OnModuleInit } from '@nestjs/common';
import { Gauge } from 'prom-client';
import { OutboxKind } from '../generated/prisma/enums';
import { MetricsService } from '../metrics/metrics.service';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxRepository } from './outbox.repository';
import { OutboxSenders } from './outbox-senders';
import { OutboxService } from './outbox.service';

const KINDS = Object.values(OutboxKind);

/** The durable outbox: messages written with the change that causes them, sent by every replica. */
@Module({
  providers: [OutboxRepository, OutboxService, OutboxSenders, OutboxDispatcher],
  exports: [OutboxService, OutboxSenders, OutboxRepository],
})
export class OutboxModule implements OnModuleInit {
  constructor(
    private readonly metrics: MetricsService,
    private readonly outbox: OutboxRepository,
  ) {}

  /** The pending gauge is read from the database at scrape time: right across replicas. */
  onModuleInit(): void {
    // Every series exists from the start at 0, so rate() and alerts see the first increase.
    for (const kind of KINDS)
      for (const outcome of ['delivered', 'retry', 'failed'])
        this.metrics.notifications.inc({ kind: kind.toLowerCase(), outcome }, 0);
    const outbox = this.outbox;
    if (this.metrics.registry.getSingleMetric('loopboard_notification_outbox_pending')) return;
    new Gauge({
      name: 'loopboard_notification_outbox_pending',
      help: 'Outbox messages (notifications, Alertmanager silences) waiting to be sent, by kind.',
      labelNames: ['kind'] as const,
      registers: [this.metrics.registry],
      async collect() {
        const rows = await outbox.pendingByKind().catch(() => null);
        if (!rows) return;
        this.reset();
        for (const kind of KINDS)
          this.set({ kind: kind.toLowerCase() }, rows.find((r) => r.kind === kind)?.n ?? 0);
      },
    });
  }
}
