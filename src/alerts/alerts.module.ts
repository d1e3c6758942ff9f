import { Module } from '@nestjs/common';
import { BoardsModule } from '../boards/boards.module';
import { DeploymentsModule } from '../deployments/deployments.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SprintsModule } from '../sprints/sprints.module';
import { OutboxModule } from '../outbox/outbox.module';
import { TasksModule } from '../tasks/tasks.module';
import { TeamsModule } from '../teams/teams.module';
import { AlertSettingsRepository } from './alert-settings.repository';
import { AlertSettingsService } from './alert-settings.service';
import { AlertsLoader } from './alerts.loader';
import {
  AlertsResolver,
  DeliveryItemResolver,
  WebhookDeliveryResolver,
  DeliveriesResolver,
  TaskAlertsResolver,
  TeamAlertSettingsResolver,
} from './alerts.resolver';
import { AlertsService } from './alerts.service';
import { AlertIntegrationsRepository } from './integrations/alert-integrations.repository';
import { AlertIntegrationsResolver } from './integrations/alert-integrations.resolver';
import { AlertIntegrationsService } from './integrations/alert-integrations.service';
import { AlertCardNotices } from './processing/alert-card-notices';
import { AlertCardsService } from './processing/alert-cards.service';
import { AlertProcessor } from './processing/alert-processor.service';
import { DeploymentProcessor } from './processing/deployment-processor.service';
import { AlertsRepository } from './processing/alerts.repository';
import { DeliveryBatcher } from './processing/delivery-batcher';
import { SilenceQueueService } from './silences/silence-queue.service';
import { SilenceSyncService } from './silences/silence-sync.service';
import { SilenceSender } from './silences/silence.sender';
import { SilencesRepository } from './silences/silences.repository';
import { DeliveriesRepository } from './webhooks/deliveries.repository';
import { WebhookIngestService } from './webhooks/webhook-ingest.service';
import { WebhooksController } from './webhooks/webhooks.controller';

@Module({
  imports: [
    TeamsModule,
    BoardsModule,
    SprintsModule,
    TasksModule,
    NotificationsModule,
    OutboxModule,
    DeploymentsModule,
  ],
  controllers: [WebhooksController],
  providers: [
    AlertIntegrationsRepository,
    AlertsRepository,
    DeliveriesRepository,
    AlertSettingsRepository,
    AlertIntegrationsService,
    AlertSettingsService,
    AlertCardsService,
    AlertCardNotices,
    AlertProcessor,
    DeploymentProcessor,
    DeliveryBatcher,
    WebhookIngestService,
    SilencesRepository,
    SilenceQueueService,
    SilenceSyncService,
    SilenceSender,
    AlertsService,
    AlertsLoader,
    AlertIntegrationsResolver,
    AlertsResolver,
    TaskAlertsResolver,
    DeliveriesResolver,
    TeamAlertSettingsResolver,
    WebhookDeliveryResolver,
    DeliveryItemResolver,
  ],
  exports: [AlertsRepository, AlertIntegrationsRepository],
})
export class AlertsModule {}
