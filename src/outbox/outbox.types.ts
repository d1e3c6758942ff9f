import type { OutboxKind } from '../generated/prisma/client';

export type { OutboxKind };

/** A claimed outbox message, as a sender sees it. */
export interface OutboxMessage {
  id: string;
  teamId: string;
  kind: OutboxKind;
  channelId: string | null;
  topic: string;
  payload: unknown;
  /** Attempts so far, this one included. */
  attempts: number;
  createdAt: Date;
}

/** What became of one attempt; the dispatcher turns it into the message's next state. */
export type SendResult =
  | { outcome: 'delivered'; statusCode?: number }
  | { outcome: 'retry'; statusCode?: number; error: string; retryAfterMs?: number }
  | { outcome: 'failed'; statusCode?: number; error: string };

/** Sends the messages of one kind. `signal` aborts when the attempt's time is up. */
export interface OutboxSender {
  readonly kind: OutboxKind;
  send(message: OutboxMessage, signal: AbortSignal): Promise<SendResult>;
}
