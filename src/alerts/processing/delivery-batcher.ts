import { Injectable } from '@nestjs/common';
import { isDatabaseUnavailable } from '../../common/errors/classify-error';
import { AppConfig } from '../../config/app-config';
import { DeliveryQueueFullError } from '../alerts.errors';
import { requestContext } from '../../common/logging/request-context';
import type { AlertIntegration } from '../../generated/prisma/client';
import { MetricsService } from '../../metrics/metrics.service';
import { isDeploymentKind } from '../../deployments/parsers';
import { AlertProcessor } from './alert-processor.service';
import { DeploymentProcessor } from './deployment-processor.service';
import type { DeliveryJob, ProcessResult } from './delivery.types';

/** Deliveries per batch: one transaction's worth, so a batch still commits in milliseconds. */
export const MAX_BATCH_DELIVERIES = 100;
/** Alerts per batch; a delivery larger than this (up to the 1,000 a delivery may hold) goes alone. */
export const MAX_BATCH_ALERTS = 2000;
/** Payload bytes that may wait per integration (besides WEBHOOK_QUEUE_MAX_DELIVERIES). */
export const MAX_WAITING_BYTES = 64 * 1024 * 1024;

interface Waiting {
  integration: AlertIntegration;
  job: DeliveryJob;
  resolve: (result: ProcessResult) => void;
  reject: (error: unknown) => void;
}

interface Queue {
  running: boolean;
  waiting: Waiting[];
  /** Payload bytes of the waiting deliveries. */
  bytes: number;
}

/**
 * Group commit for webhook deliveries. A delivery of an integration with no batch in progress is
 * processed at once; deliveries of that integration arriving meanwhile wait and then go together
 * in one transaction (AlertProcessor.processBatch). Each caller's promise settles only when its
 * delivery has committed, so a 2xx still means stored. Under a burst of posts this turns
 * hundreds of small transactions, each waiting for the same alert's or column's row lock and for
 * its own WAL flush, into a few set-based ones.
 *
 * The queue is a throughput device, not a lock: correctness between replicas (and between
 * integrations of one team) still rests on the database's row locks and unique keys.
 */
@Injectable()
export class DeliveryBatcher {
  private readonly queues = new Map<string, Queue>();
  private readonly maxWaiting: number;

  constructor(
    private readonly processor: AlertProcessor,
    private readonly deploymentProcessor: DeploymentProcessor,
    private readonly metrics: MetricsService,
    config: AppConfig,
  ) {
    this.maxWaiting = config.limits.webhookQueueMaxDeliveries;
  }

  submit(integration: AlertIntegration, job: DeliveryJob): Promise<ProcessResult> {
    return new Promise<ProcessResult>((resolve, reject) => {
      let queue = this.queues.get(integration.id);
      if (!queue) {
        queue = { running: false, waiting: [], bytes: 0 };
        this.queues.set(integration.id, queue);
      }
      // Bounded: when the database falls behind a burst, later posts are refused (503 with
      // Retry-After: senders retry) instead of held in memory without limit. Nothing of them is
      // accepted, so nothing is lost.
      const bytes = job.delivery.body.length;
      if (
        queue.waiting.length >= this.maxWaiting ||
        (queue.waiting.length > 0 && queue.bytes + bytes > MAX_WAITING_BYTES)
      ) {
        reject(new DeliveryQueueFullError(this.maxWaiting, MAX_WAITING_BYTES / 1024 / 1024));
        return;
      }
      queue.bytes += bytes;
      queue.waiting.push({ integration, job, resolve, reject });
      // The batch serves every waiting request, so it runs outside the first one's context.
      if (!queue.running) requestContext.outside(() => void this.drain(integration.id, queue));
    });
  }

  /** Deliveries waiting now (all integrations): for tests and diagnostics. */
  get waiting(): number {
    let n = 0;
    for (const queue of this.queues.values()) n += queue.waiting.length;
    return n;
  }

  private async drain(integrationId: string, queue: Queue): Promise<void> {
    queue.running = true;
    try {
      while (queue.waiting.length > 0) await this.run(this.take(queue));
    } finally {
      queue.running = false;
      this.queues.delete(integrationId);
    }
  }

  private take(queue: Queue): Waiting[] {
    const batch: Waiting[] = [queue.waiting.shift() as Waiting];
    queue.bytes -= (batch[0] as Waiting).job.delivery.body.length;
    let alerts = batch[0]?.job.alerts.length ?? 0;
    while (batch.length < MAX_BATCH_DELIVERIES && queue.waiting.length > 0) {
      const next = queue.waiting[0] as Waiting;
      if (alerts + next.job.alerts.length > MAX_BATCH_ALERTS) break;
      alerts += next.job.alerts.length;
      batch.push(queue.waiting.shift() as Waiting);
      queue.bytes -= next.job.delivery.body.length;
    }
    return batch;
  }

  private async run(batch: Waiting[]): Promise<void> {
    // The newest read of the integration's settings applies to the whole batch.
    const integration = (batch[batch.length - 1] as Waiting).integration;
    const processor = this.processorOf(integration);
    try {
      const results = await processor.processBatch(
        integration,
        batch.map((w) => w.job),
      );
      this.metrics.webhookBatchDeliveries.observe(batch.length);
      batch.forEach((w, i) => w.resolve(results[i] as ProcessResult));
    } catch (error) {
      // An unreachable database fails them all alike (each caller answers 503, senders retry).
      if (batch.length === 1 || isDatabaseUnavailable(error)) {
        for (const w of batch) w.reject(error);
        return;
      }
      // Otherwise one delivery may be the cause: the others must not fail with it.
      for (const w of batch) {
        try {
          const [result] = await processor.processBatch(w.integration, [w.job]);
          this.metrics.webhookBatchDeliveries.observe(1);
          w.resolve(result as ProcessResult);
        } catch (single) {
          w.reject(single);
        }
      }
    }
  }

  /** Alert deliveries become alerts and cards; deployment deliveries, deployments. */
  private processorOf(integration: AlertIntegration): {
    processBatch(integration: AlertIntegration, jobs: DeliveryJob[]): Promise<ProcessResult[]>;
  } {
    return isDeploymentKind(integration.kind) ? this.deploymentProcessor : this.processor;
  }
}
