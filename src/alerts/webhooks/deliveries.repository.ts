import { Injectable } from '@nestjs/common';
import { PrismaService, PrismaTx } from '../../common/database/prisma.service';
import type { DeliveryOutcome, Prisma, WebhookDelivery } from '../../generated/prisma/client';

export interface NewDelivery {
  id: string;
  integrationId: string;
  receivedAt: Date;
  requestId: string | null;
  contentType: string | null;
  headers: Record<string, string>;
  body: string;
  outcome: DeliveryOutcome;
  summary: Prisma.InputJsonValue | null;
  error: string | null;
  replayOfId: string | null;
}

@Injectable()
export class DeliveriesRepository {
  constructor(private readonly prisma: PrismaService) {}

  async insert(tx: PrismaTx, delivery: NewDelivery): Promise<void> {
    await this.insertMany(tx, [delivery]);
  }

  /** The deliveries of a batch, in one statement (payloads can be large: no ORM mapping). */
  async insertMany(tx: PrismaTx, deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    const d = deliveries;
    await tx.$executeRaw`
      INSERT INTO webhook_deliveries (id, integration_id, received_at, request_id, content_type, headers, body,
        outcome, summary, error, replay_of_id)
      SELECT v.id, v.integration_id, v.received_at, v.request_id, v.content_type, v.headers::jsonb, v.body,
        v.outcome::"DeliveryOutcome", v.summary::jsonb, v.error, v.replay_of_id
      FROM unnest(
        ${d.map((x) => x.id)}::uuid[], ${d.map((x) => x.integrationId)}::uuid[],
        ${d.map((x) => x.receivedAt)}::timestamptz[], ${d.map((x) => x.requestId)}::text[],
        ${d.map((x) => x.contentType)}::text[], ${d.map((x) => JSON.stringify(x.headers))}::text[],
        ${d.map((x) => x.body)}::text[], ${d.map((x) => x.outcome)}::text[],
        ${d.map((x) => (x.summary === null ? null : JSON.stringify(x.summary)))}::text[],
        ${d.map((x) => x.error)}::text[], ${d.map((x) => x.replayOfId)}::uuid[]
      ) AS v(id, integration_id, received_at, request_id, content_type, headers, body, outcome, summary, error,
             replay_of_id)`;
  }

  findById(id: string): Promise<WebhookDelivery | null> {
    return this.prisma.webhookDelivery.findUnique({ where: { id } });
  }

  /** Newest first, after the cursor (receivedAt, id). */
  findPage(
    integrationId: string,
    first: number,
    after: { receivedAt: Date; id: string } | null,
  ): Promise<WebhookDelivery[]> {
    return this.prisma.webhookDelivery.findMany({
      where: {
        integrationId,
        ...(after
          ? {
              OR: [
                { receivedAt: { lt: after.receivedAt } },
                { receivedAt: after.receivedAt, id: { lt: after.id } },
              ],
            }
          : {}),
      },
      orderBy: [{ receivedAt: 'desc' }, { id: 'desc' }],
      take: first,
    });
  }

  count(integrationId: string): Promise<number> {
    return this.prisma.webhookDelivery.count({ where: { integrationId } });
  }

  async lastReceivedAt(integrationIds: readonly string[]): Promise<Map<string, Date>> {
    const rows = await this.prisma.webhookDelivery.groupBy({
      by: ['integrationId'],
      where: { integrationId: { in: [...integrationIds] } },
      _max: { receivedAt: true },
    });
    return new Map(
      rows
        .filter((r) => r._max.receivedAt)
        .map((r) => [r.integrationId, r._max.receivedAt as Date]),
    );
  }
}
