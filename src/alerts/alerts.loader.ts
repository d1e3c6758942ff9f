import { Injectable } from '@nestjs/common';
import DataLoader from 'dataloader';
import { byKey, groupByKey, LoaderCache } from '../common/graphql/loader-cache';
import type { Alert, AlertIntegration } from '../generated/prisma/client';
import { AlertIntegrationsRepository } from './integrations/alert-integrations.repository';
import { AlertsRepository } from './processing/alerts.repository';
import { DeliveriesRepository } from './webhooks/deliveries.repository';

@Injectable()
export class AlertsLoader {
  constructor(
    private readonly alerts: AlertsRepository,
    private readonly integrations: AlertIntegrationsRepository,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  alertsOfTask(cache: LoaderCache): DataLoader<string, Alert[]> {
    return cache.get(
      'alert.byTask',
      () =>
        new DataLoader(async (taskIds) =>
          groupByKey(
            taskIds,
            cache.visible(await this.alerts.findByTasks(taskIds), (a) => a.teamId),
            (a) => a.taskId as string,
          ),
        ),
    );
  }

  integration(cache: LoaderCache): DataLoader<string, AlertIntegration | null> {
    return cache.get(
      'integration.byId',
      () =>
        new DataLoader(async (ids) =>
          byKey(
            ids,
            cache.visible(await this.integrations.findByIds(ids), (i) => i.teamId),
            (i) => i.id,
          ),
        ),
    );
  }

  lastDelivery(cache: LoaderCache): DataLoader<string, Date | null> {
    return cache.get(
      'integration.lastDelivery',
      () =>
        new DataLoader(async (ids) => {
          const last = await this.deliveries.lastReceivedAt(ids);
          return ids.map((id) => last.get(id) ?? null);
        }),
    );
  }
}
