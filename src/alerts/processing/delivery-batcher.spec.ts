import type { AppConfig } from '../../config/app-config';
import type { AlertIntegration } from '../../generated/prisma/client';
import type { MetricsService } from '../../metrics/metrics.service';
import type { NormalizedAlert } from '../parsers';
import { DeliveryQueueFullError } from '../alerts.errors';
import type { AlertProcessor } from './alert-processor.service';
import type { DeploymentProcessor } from './deployment-processor.service';
import type { DeliveryJob, ProcessResult } from './delivery.types';
import { DeliveryBatcher, MAX_BATCH_ALERTS, MAX_WAITING_BYTES } from './delivery-batcher';

const INTEGRATION = { id: 'integration-1' } as AlertIntegration;

function job(alerts: number, bodyBytes = 10): DeliveryJob {
  return {
    alerts: Array.from({ length: alerts }, () => ({}) as NormalizedAlert),
    delivery: {
      id: `d-${Math.random()}`,
      receivedAt: new Date(),
      requestId: null,
      contentType: 'application/json',
      headers: {},
      body: 'x'.repeat(bodyBytes),
      replayOfId: null,
    },
  };
}

/** A processor whose first batch waits for `release`; records the size of every batch. */
function heldProcessor() {
  const batches: number[] = [];
  let release!: () => void;
  const held = new Promise<void>((resolve) => (release = resolve));
  const processor = {
    async processBatch(_integration: AlertIntegration, jobs: DeliveryJob[]) {
      batches.push(jobs.length);
      if (batches.length === 1) await held;
      return jobs.map(
        () => ({ summary: {}, items: [], overfullColumns: [] }) as unknown as ProcessResult,
      );
    },
  } as unknown as AlertProcessor;
  return { processor, batches, release: () => release() };
}

function batcher(processor: AlertProcessor, maxDeliveries = 1000): DeliveryBatcher {
  const config = { limits: { webhookQueueMaxDeliveries: maxDeliveries } } as AppConfig;
  const metrics = {
    webhookBatchDeliveries: { observe: () => undefined },
  } as unknown as MetricsService;
  // Alert integrations only here: the deployment processor is never asked.
  return new DeliveryBatcher(processor, {} as DeploymentProcessor, metrics, config);
}

describe('DeliveryBatcher', () => {
  it('sends what waited behind a batch as the next one, split by the alert limit', async () => {
    const { processor, batches, release } = heldProcessor();
    const b = batcher(processor);
    const all = [
      b.submit(INTEGRATION, job(1)),
      b.submit(INTEGRATION, job(MAX_BATCH_ALERTS - 10)),
      b.submit(INTEGRATION, job(5)),
      b.submit(INTEGRATION, job(20)),
      b.submit(INTEGRATION, job(3)),
    ];
    expect(b.waiting).toBe(4);
    release();
    await Promise.all(all);
    // Alone first; then as many as fit under the alert limit; then the rest.
    expect(batches).toEqual([1, 2, 2]);
    expect(b.waiting).toBe(0);
  });

  it('refuses a delivery when its payload would take the waiting bytes over the bound', async () => {
    const { processor, release } = heldProcessor();
    const b = batcher(processor);
    const half = Math.floor(MAX_WAITING_BYTES / 2);
    const running = b.submit(INTEGRATION, job(1));
    const first = b.submit(INTEGRATION, job(1, half));
    const second = b.submit(INTEGRATION, job(1, half));
    const over = b.submit(INTEGRATION, job(1, 100));
    await expect(over).rejects.toBeInstanceOf(DeliveryQueueFullError);
    expect(b.waiting).toBe(2);
    release();
    await Promise.all([running, first, second]);
    // Once the queue drained, the same delivery is taken again.
    await expect(b.submit(INTEGRATION, job(1, 100))).resolves.toBeDefined();
  });

  it('refuses beyond the waiting count, with 503 and a short Retry-After', async () => {
    const { processor, release } = heldProcessor();
    const b = batcher(processor, 1);
    const running = b.submit(INTEGRATION, job(1));
    const waiting = b.submit(INTEGRATION, job(1));
    const refused = b.submit(INTEGRATION, job(1)).catch((error: unknown) => error);
    const error = (await refused) as DeliveryQueueFullError;
    expect(error).toBeInstanceOf(DeliveryQueueFullError);
    expect(error.status).toBe(503);
    expect(error.retryAfterSeconds).toBe(1);
    release();
    await Promise.all([running, waiting]);
  });
});
