import { Field, InputType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsBoolean,
  IsEnum,
  IsIn,
  IsOptional,
  IsString,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { NotificationChannelKind, TaskPriority } from '../../common/graphql/enums';
import { IdField, TextField } from '../../common/graphql/input-fields';
import { NotificationEvent } from '../models/notification.model';
import { NOTIFICATION_EVENT_TYPES, type NotificationEventType } from '../notification-events';

@InputType()
export class NotificationSubscriptionInput {
  @Field(() => NotificationEvent)
  @IsIn(NOTIFICATION_EVENT_TYPES, { message: 'must be a notification event type' })
  type!: NotificationEventType;

  @Field(() => TaskPriority, {
    nullable: true,
    description: 'Card events: only cards of this priority or higher (default: all).',
  })
  @IsOptional()
  @IsEnum(TaskPriority)
  minPriority?: TaskPriority | null;
}

@InputType()
export class CreateNotificationChannelInput {
  @IdField()
  teamId!: string;

  @Field(() => NotificationChannelKind)
  @IsEnum(NotificationChannelKind)
  kind!: NotificationChannelKind;

  @TextField(200)
  name!: string;

  @Field({ description: 'http(s) URL: a Slack/Mattermost incoming webhook, or your receiver.' })
  @IsString()
  @MaxLength(2000)
  url!: string;

  @Field(() => [NotificationSubscriptionInput])
  @ArrayMinSize(1, { message: 'must subscribe to at least one event type' })
  @ArrayMaxSize(NOTIFICATION_EVENT_TYPES.length)
  @ValidateNested({ each: true })
  @Type(() => NotificationSubscriptionInput)
  events!: NotificationSubscriptionInput[];
}

@InputType()
export class UpdateNotificationChannelInput {
  @TextField(200, { nullable: true })
  name?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  url?: string;

  @Field(() => [NotificationSubscriptionInput], { nullable: true })
  @IsOptional()
  @ArrayMinSize(1, { message: 'must subscribe to at least one event type' })
  @ArrayMaxSize(NOTIFICATION_EVENT_TYPES.length)
  @ValidateNested({ each: true })
  @Type(() => NotificationSubscriptionInput)
  events?: NotificationSubscriptionInput[];

  @Field({ nullable: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}
