import { Injectable } from '@nestjs/common';
import type { OutboxKind, OutboxSender } from './outbox.types';

/**
 * The sender of each outbox kind. Features register theirs when their module starts, so the
 * outbox knows nothing of notifications or Alertmanager, and they know nothing of dispatching.
 */
@Injectable()
export class OutboxSenders {
  private readonly senders = new Map<OutboxKind, OutboxSender>();

  register(sender: OutboxSender): void {
    if (this.senders.has(sender.kind))
      throw new Error(`an outbox sender for ${sender.kind} is registered already`);
    this.senders.set(sender.kind, sender);
  }

  for(kind: OutboxKind): OutboxSender | undefined {
    return this.senders.get(kind);
  }
}
