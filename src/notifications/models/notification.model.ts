import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { NotificationChannelKind, OutboxStatus, TaskPriority } from '../../common/graphql/enums';
import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from '../notification-events';

/** GraphQL's names of the event types: `alert_card.created` is ALERT_CARD_CREATED. */
export const NotificationEvent = Object.fromEntries(
  NOTIFICATION_EVENT_TYPES.map((type) => [type.replace('.', '_').toUpperCase(), type]),
) as Record<string, NotificationEventType>;
registerEnumType(NotificationEvent, {
  name: 'NotificationEventType',
  description:
    'What a channel is told about: ALERT_CARD_CREATED (alert_card.created), ALERT_CARD_REOPENED, SLA_AT_RISK, SLA_BREACHED, RESERVE_AT_RISK (80%), RESERVE_EXHAUSTED (100%), SPRINT_STARTED, SPRINT_CLOSED, DEPLOYMENT_SUSPECTED_INCIDENT.',
});

@ObjectType()
export class NotificationSubscriptionModel {
  @Field(() => NotificationEvent)
  type!: NotificationEventType;

  @Field(() => TaskPriority, {
    nullable: true,
    description: 'Card events: only cards of this priority or higher.',
  })
  minPriority!: TaskPriority | null;
}

@ObjectType('NotificationChannel')
export class NotificationChannelModel {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  teamId!: string;

  @Field(() => NotificationChannelKind)
  kind!: NotificationChannelKind;

  @Field()
  name!: string;

  @Field({
    description:
      "Where messages go, without its path (a Slack webhook's path is its secret): https://hooks.slack.com/…",
  })
  target!: string;

  @Field(() => [NotificationSubscriptionModel])
  events!: NotificationSubscriptionModel[];

  @Field()
  enabled!: boolean;

  @Field({ description: 'WEBHOOK channels sign every delivery (Standard Webhooks).' })
  signed!: boolean;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class CreateNotificationChannelPayload {
  @Field(() => NotificationChannelModel)
  channel!: NotificationChannelModel;

  @Field(() => String, {
    nullable: true,
    description:
      'WEBHOOK: the signing secret (whsec_…), shown only here. Verify `webhook-signature` with it.',
  })
  signingSecret!: string | null;
}

@ObjectType()
export class NotificationAttempt {
  @Field()
  at!: Date;

  @Field(() => Int, { nullable: true, description: "The receiver's HTTP status, if it answered." })
  statusCode!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => Int)
  durationMs!: number;

  @Field({ description: 'delivered, retry or failed.' })
  outcome!: string;
}

@ObjectType()
export class NotificationDelivery {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  channelId!: string;

  @Field(() => ID, { description: 'The event id: `id` of the JSON event and `webhook-id`.' })
  eventId!: string;

  @Field(() => NotificationEvent)
  eventType!: NotificationEventType;

  @Field({ description: 'What the message says happened (its one-line summary).' })
  summary!: string;

  @Field(() => OutboxStatus)
  status!: OutboxStatus;

  @Field(() => Int)
  attempts!: number;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => Int, { nullable: true })
  lastStatusCode!: number | null;

  @Field()
  createdAt!: Date;

  @Field({ description: 'PENDING: when the next attempt is due.' })
  nextAttemptAt!: Date;

  @Field({ description: 'After this, a message still not delivered is marked FAILED.' })
  giveUpAt!: Date;

  @Field(() => Date, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => [NotificationAttempt])
  attemptLog!: NotificationAttempt[];
}

@ObjectType()
export class NotificationTestResult {
  @Field()
  delivered!: boolean;

  @Field(() => Int, { nullable: true })
  statusCode!: number | null;

  @Field(() => String, { nullable: true })
  error!: string | null;
}
