import { Field, ID, Int, ObjectType } from '@nestjs/graphql';
import {
  AlertDedupBy,
  AlertKind,
  AlertSeverity,
  TaskPriority,
} from '../../../common/graphql/enums';

@ObjectType()
export class LabelMatcher {
  @Field()
  label!: string;

  @Field(() => String, { description: 'EQ, NEQ, REGEX or NOT_REGEX (regexes are anchored).' })
  op!: string;

  @Field()
  value!: string;
}

@ObjectType()
export class IgnoreRule {
  @Field(() => [LabelMatcher])
  matchers!: LabelMatcher[];
}

@ObjectType()
export class PriorityOverride {
  @Field(() => [LabelMatcher])
  matchers!: LabelMatcher[];

  @Field(() => TaskPriority)
  priority!: TaskPriority;
}

@ObjectType()
export class ColumnRoute {
  @Field(() => [LabelMatcher])
  matchers!: LabelMatcher[];

  @Field(() => ID)
  columnId!: string;
}

@ObjectType({
  description: 'What an integration ignores, and how it prioritizes and routes cards.',
})
export class AlertRulesModel {
  @Field(() => [IgnoreRule])
  ignore!: IgnoreRule[];

  @Field(() => AlertSeverity, { nullable: true })
  minSeverity!: AlertSeverity | null;

  @Field(() => [PriorityOverride])
  priorityOverrides!: PriorityOverride[];

  @Field(() => [ColumnRoute])
  routes!: ColumnRoute[];
}

@ObjectType({ description: "A team's webhook endpoint for one monitoring tool." })
export class AlertIntegration {
  @Field(() => ID)
  id!: string;

  teamId!: string;

  @Field(() => AlertKind)
  kind!: AlertKind;

  @Field()
  name!: string;

  boardId!: string | null;
  columnId!: string | null;
  resolveColumnId!: string | null;

  @Field(() => AlertDedupBy)
  dedupBy!: AlertDedupBy;

  @Field(() => Int, {
    description: 'A card done less than this long ago reopens when its alert fires again.',
  })
  reopenWindowMinutes!: number;

  rules!: unknown;
  hmacSecret!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'Grafana: header whose timestamp is signed as timestamp:body.',
  })
  hmacTimestampHeader!: string | null;

  @Field(() => String, {
    nullable: true,
    description: 'ALERTMANAGER: where won’t-fix closes are sent as silences.',
  })
  alertmanagerUrl!: string | null;

  /** The whole Authorization header value: never returned (see alertmanagerAuth). */
  alertmanagerAuthorization!: string | null;

  previousTokenExpiresAt!: Date | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Deployment kinds: the service deployments are of (null: the repository or project).',
  })
  service!: string | null;

  @Field(() => Int, {
    description:
      'Alert kinds: how many minutes after a successful deployment finished an alert of its service and environment names it as the suspect (0: never).',
  })
  suspectWindowMinutes!: number;

  @Field(() => Date, { nullable: true })
  tokenRotatedAt!: Date | null;

  @Field()
  createdAt!: Date;
}

@ObjectType()
export class CreateAlertIntegrationPayload {
  @Field(() => AlertIntegration)
  integration!: AlertIntegration;

  @Field({
    description: 'The bearer token. Shown only now: store it in the sender’s configuration.',
  })
  token!: string;

  @Field({ description: 'Where the monitoring tool must POST.' })
  webhookUrl!: string;
}

@ObjectType()
export class RotateIntegrationTokenPayload {
  @Field(() => AlertIntegration)
  integration!: AlertIntegration;

  @Field({ description: 'The new bearer token, shown only now.' })
  token!: string;

  @Field(() => Date, {
    nullable: true,
    description: 'Until when the previous token is still accepted.',
  })
  previousTokenExpiresAt!: Date | null;
}
