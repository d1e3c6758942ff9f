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
    await tx.webhookDelivery.create({
      data: { ...delivery, summary: delivery.summary ?? undefined },
    });
  }

  /** The deliveries of a batch, in one statement. */
  async insertMany(tx: PrismaTx, deliveries: NewDelivery[]): Promise<void> {
    if (deliveries.length === 1) return this.insert(tx, deliveries[0] as NewDelivery);
    await tx.webhookDelivery.createMany({
      data: deliveries.map((d) => ({ ...d, summary: d.summary ?? undefined })),
    });
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
