import { Module } from '@nestjs/common';
import { OutboxModule } from '../outbox/outbox.module';
import { NotificationChannelsRepository } from './notification-channels.repository';
import { NotificationChannelsService } from './notification-channels.service';
import { NotificationPublisher } from './notification-publisher';
import { NotificationSender } from './notification.sender';
import { NotificationsResolver } from './notifications.resolver';

/** Notification channels and the events told to them through the outbox. */
@Module({
  imports: [OutboxModule],
  providers: [
    NotificationChannelsRepository,
    NotificationChannelsService,
    NotificationPublisher,
    NotificationSender,
    NotificationsResolver,
  ],
  exports: [NotificationPublisher],
})
export class NotificationsModule {}
