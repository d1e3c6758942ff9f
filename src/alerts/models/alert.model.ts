import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import { AlertSeverity, AlertStatus, DeliveryOutcome } from '../../common/graphql/enums';
import { JSONScalar } from '../../common/graphql/json.scalar';
import { ConnectionType } from '../../common/graphql/pagination';

@ObjectType()
export class AlertLinkModel {
  @Field()
  title!: string;

  @Field()
  url!: string;
}

@ObjectType({ description: 'One deduplicated alert of an integration, and the card it feeds.' })
export class Alert {
  @Field(() => ID)
  id!: string;

  integrationId!: string;
  teamId!: string;
  taskId!: string | null;

  @Field({ description: 'Fingerprint, or group key with dedupBy GROUP.' })
  dedupKey!: string;

  @Field()
  fingerprint!: string;

  @Field(() => String, { nullable: true })
  groupKey!: string | null;

  @Field(() => AlertStatus)
  status!: AlertStatus;

  @Field(() => AlertSeverity)
  severity!: AlertSeverity;

  @Field()
  name!: string;

  @Field()
  title!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => String, { nullable: true })
  environment!: string | null;

  @Field(() => String, { nullable: true })
  component!: string | null;

  @Field(() => String, { nullable: true })
  instance!: string | null;

  @Field(() => String, { nullable: true })
  value!: string | null;

  @Field(() => JSONScalar, { description: 'Label name → value.' })
  labels!: unknown;

  @Field(() => JSONScalar, { description: 'Annotation name → value.' })
  annotations!: unknown;

  @Field(() => [AlertLinkModel])
  links!: unknown;

  @Field(() => Date, { nullable: true })
  startsAt!: Date | null;

  @Field(() => Date, { nullable: true })
  endsAt!: Date | null;

  @Field()
  firstSeenAt!: Date;

  @Field()
  lastSeenAt!: Date;

  @Field(() => Int, { description: 'Notifications received, repeats included.' })
  occurrences!: number;

  @Field(() => Int, { description: 'Firing episodes (1 + re-fires after a resolve).' })
  firings!: number;

  @Field(() => Int, { description: 'Resolve → re-fire transitions.' })
  flaps!: number;

  @Field()
  acknowledged!: boolean;

  @Field(() => Date, {
    nullable: true,
    description: 'Muted (card closed as won’t fix) until then.',
  })
  mutedUntil!: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'The Alertmanager silence standing for the mute (integrations with alertmanagerUrl).',
  })
  silenceId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The delivery that last touched this alert.' })
  lastDeliveryId!: string | null;
}

@ObjectType()
export class DeliverySummaryModel {
  @Field(() => Int)
  received!: number;

  @Field(() => Int)
  created!: number;

  @Field(() => Int)
  updated!: number;

  @Field(() => Int)
  resolved!: number;

  @Field(() => Int)
  reopened!: number;

  @Field(() => Int)
  ignored!: number;
}

@ObjectType({ description: 'A payload received on a webhook, as received, and what became of it.' })
export class WebhookDelivery {
  @Field(() => ID)
  id!: string;

  integrationId!: string;

  @Field()
  receivedAt!: Date;

  @Field(() => String, { nullable: true })
  requestId!: string | null;

  @Field(() => String, { nullable: true })
  contentType!: string | null;

  @Field(() => JSONScalar, { description: 'Selected request headers (never credentials).' })
  headers!: unknown;

  @Field({ description: 'The raw body.' })
  body!: string;

  @Field(() => DeliveryOutcome)
  outcome!: DeliveryOutcome;

  @Field(() => DeliverySummaryModel, { nullable: true })
  summary!: unknown;

  @Field(() => String, { nullable: true })
  error!: string | null;

  @Field(() => ID, { nullable: true, description: 'The delivery this one replayed.' })
  replayOfId!: string | null;
}

export const AlertConnection = ConnectionType(Alert, 'Alert');
export const WebhookDeliveryConnection = ConnectionType(WebhookDelivery, 'WebhookDelivery');

@ObjectType({ description: 'What one delivery did to one alert, and the card involved.' })
export class DeliveryItem {
  alertId!: string;
  taskId!: string | null;

  @Field()
  dedupKey!: string;

  @Field({ description: 'created, updated, resolved or reopened.' })
  outcome!: string;
}
