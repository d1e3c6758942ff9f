import { Injectable, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import { AppLogger } from '../common/logging/app-logger';
import { AppConfig } from '../config/app-config';
import { MetricsService } from '../metrics/metrics.service';
import { retryDelayMs } from './backoff';
import { OutboxRepository } from './outbox.repository';
import { OutboxSenders } from './outbox-senders';
import type { OutboxMessage, SendResult } from './outbox.types';

/** Messages one pass claims; a full batch makes the next pass start at once. */
const BATCH = 20;
/** A claim outlives the attempt's timeout by this much before another replica may take over. */
const LEASE_MARGIN_MS = 30_000;
/** Finished messages older than the retention are deleted this often, this many per statement. */
const PRUNE_EVERY_MS = 60 * 60 * 1000;
const PRUNE_BATCH = 1000;

/**
 * Sends the outbox on every replica: each pass claims due messages (SKIP LOCKED, a lease),
 * sends them concurrently with a timeout, and settles each attempt. Nothing is held in memory
 * between passes: a restart loses no message, only the attempt under way, which is retried.
 */
@Injectable()
export class OutboxDispatcher implements OnApplicationBootstrap, OnModuleDestroy {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  /** When this replica last pruned finished messages (0: not yet). */
  private prunedAt = 0;

  constructor(
    private readonly outbox: OutboxRepository,
    private readonly senders: OutboxSenders,
    private readonly config: AppConfig,
    private readonly metrics: MetricsService,
    private readonly logger: AppLogger,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(this.config.outbox.dispatchIntervalMs);
  }

  /** Stops the timer and waits for the pass under way, before the database closes. */
  async onModuleDestroy(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  /**
   * Deletes finished messages older than NOTIFY_RETENTION_DAYS, a batch at a time; returns how
   * many. Each replica does it at most once an hour, after a pass.
   */
  async prune(): Promise<number> {
    this.prunedAt = Date.now();
    let deleted = 0;
    for (;;) {
      const n = await this.outbox.pruneFinished(this.config.outbox.retentionDays, PRUNE_BATCH);
      deleted += n;
      if (n < PRUNE_BATCH || this.stopped) return deleted;
    }
  }

  /** One pass: claims and sends what is due; returns how many messages it attempted. */
  async dispatch(): Promise<number> {
    const { timeoutMs } = this.config.outbox;
    const { token, messages } = await this.outbox.claimDue(BATCH, timeoutMs + LEASE_MARGIN_MS);
    await Promise.all(messages.map((message) => this.attempt(message, token, timeoutMs)));
    return messages.length;
  }

  private async attempt(message: OutboxMessage, token: string, timeoutMs: number): Promise<void> {
    const started = performance.now();
    const result = await this.send(message, timeoutMs);
    const durationMs = Math.round(performance.now() - started);
    const delayMs =
      result.outcome === 'retry'
        ? retryDelayMs(message.attempts, this.config.outbox.retryBaseMs, result.retryAfterMs)
        : 0;
    const status = await this.outbox.settle(message.id, token, {
      outcome: result.outcome,
      statusCode: result.statusCode ?? null,
      error: result.outcome === 'delivered' ? null : result.error,
      durationMs,
      delayMs,
    });
    const outcome = status === 'FAILED' ? 'failed' : result.outcome;
    this.metrics.notifications.inc({ kind: message.kind.toLowerCase(), outcome });
    if (status === 'FAILED')
      this.logger.warn(
        `Outbox message ${message.id} (${message.kind} ${message.topic}) failed after ${message.attempts} attempt(s): ${result.outcome === 'delivered' ? '' : result.error}`,
        'OutboxDispatcher',
      );
  }

  /** The sender's verdict; a sender that throws (a bug, a lost database) is retried, never lost. */
  private async send(message: OutboxMessage, timeoutMs: number): Promise<SendResult> {
    const sender = this.senders.for(message.kind);
    if (!sender)
      return { outcome: 'retry', error: `no sender for ${message.kind} on this replica` };
    try {
      return await sender.send(message, AbortSignal.timeout(timeoutMs));
    } catch (error) {
      return { outcome: 'retry', error: error instanceof Error ? error.message : String(error) };
    }
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      let attempted = 0;
      this.running = this.dispatch()
        .then(async (n) => {
          attempted = n;
          if (Date.now() - this.prunedAt >= PRUNE_EVERY_MS) await this.prune();
        })
        .catch((error: unknown) =>
          this.logger.warn(
            `Outbox dispatch failed (the next pass retries): ${error instanceof Error ? error.message : String(error)}`,
            'OutboxDispatcher',
          ),
        )
        .finally(() => {
          this.running = undefined;
          this.schedule(attempted >= BATCH ? 0 : this.config.outbox.dispatchIntervalMs);
        });
    }, delayMs);
    this.timer.unref();
  }
}
