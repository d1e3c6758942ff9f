import { Args, ID, Int, Mutation, Query, Resolver } from '@nestjs/graphql';
import { Authorize, ref } from '../auth/authorize.decorator';
import { IdArg } from '../common/graphql/id.pipe';
import {
  CreateNotificationChannelInput,
  UpdateNotificationChannelInput,
} from './dto/notification-channel.inputs';
import {
  CreateNotificationChannelPayload,
  NotificationChannelModel,
  NotificationDelivery,
  NotificationTestResult,
} from './models/notification.model';
import { NotificationChannelsService } from './notification-channels.service';

@Resolver(() => NotificationChannelModel)
export class NotificationsResolver {
  constructor(private readonly channels: NotificationChannelsService) {}

  @Query(() => [NotificationChannelModel], { description: "A team's notification channels." })
  @Authorize('VIEWER', (a: { teamId: string }) => [ref.team(a.teamId)])
  notificationChannels(@IdArg('teamId') teamId: string): Promise<NotificationChannelModel[]> {
    return this.channels.list(teamId);
  }

  @Query(() => [NotificationDelivery], {
    description: "A channel's messages, newest first, with every attempt (status, error, answer).",
  })
  @Authorize('ADMIN', (a: { channelId: string }) => [ref.notificationChannel(a.channelId)])
  notificationDeliveries(
    @IdArg('channelId') channelId: string,
    @Args('first', { type: () => Int, nullable: true, defaultValue: 50 }) first: number,
  ): Promise<NotificationDelivery[]> {
    return this.channels.deliveries(channelId, Math.max(1, first));
  }

  @Mutation(() => CreateNotificationChannelPayload, {
    description: 'Adds a channel; a WEBHOOK channel gets a signing secret, shown once.',
  })
  @Authorize('ADMIN', (a: { input: CreateNotificationChannelInput }) => [ref.team(a.input.teamId)])
  createNotificationChannel(
    @Args('input') input: CreateNotificationChannelInput,
  ): Promise<CreateNotificationChannelPayload> {
    return this.channels.create(input);
  }

  @Mutation(() => NotificationChannelModel)
  @Authorize('ADMIN', (a: { id: string }) => [ref.notificationChannel(a.id)])
  updateNotificationChannel(
    @IdArg() id: string,
    @Args('input') input: UpdateNotificationChannelInput,
  ): Promise<NotificationChannelModel> {
    return this.channels.update(id, input);
  }

  @Mutation(() => ID, { description: 'Deletes the channel; its queued messages are not sent.' })
  @Authorize('ADMIN', (a: { id: string }) => [ref.notificationChannel(a.id)])
  deleteNotificationChannel(@IdArg() id: string): Promise<string> {
    return this.channels.delete(id);
  }

  @Mutation(() => NotificationTestResult, {
    description: "Sends a sample message now and answers with the receiver's status.",
  })
  @Authorize('ADMIN', (a: { id: string }) => [ref.notificationChannel(a.id)])
  testNotificationChannel(@IdArg() id: string): Promise<NotificationTestResult> {
    return this.channels.test(id);
  }

  @Mutation(() => NotificationDelivery, {
    description: 'Sends a message again from now (same event id; retried for NOTIFY_RETRY_HOURS).',
  })
  @Authorize('ADMIN', (a: { id: string }) => [ref.notification(a.id)])
  resendNotification(@IdArg() id: string): Promise<NotificationDelivery> {
    return this.channels.resend(id);
  }
}
