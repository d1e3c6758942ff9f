import { Injectable } from '@nestjs/common';
import type { PrismaTx } from '../common/database/prisma.service';
import { AppConfig } from '../config/app-config';
import { NewOutboxMessage, OutboxRepository } from './outbox.repository';

/** Writing to the outbox: what a feature calls inside the transaction of its change. */
@Injectable()
export class OutboxService {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly config: AppConfig,
  ) {}

  /**
   * Queues messages in the caller's transaction: a change that rolls back sends nothing, and one
   * that commits is sent however long its receiver is away (within NOTIFY_RETRY_HOURS).
   */
  enqueue(tx: PrismaTx, rows: readonly NewOutboxMessage[]): Promise<string[]> {
    return this.outbox.add(tx, rows, this.config.outbox.retryHours);
  }

  /** Sends a message again from now on, with a new retry period; false when it does not exist. */
  resend(id: string): Promise<boolean> {
    return this.outbox.requeue(id, this.config.outbox.retryHours);
  }
}
