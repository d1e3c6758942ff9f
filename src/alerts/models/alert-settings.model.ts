import { Field, Float, ObjectType } from '@nestjs/graphql';
import { AlertSeverity, TaskPriority } from '../../common/graphql/enums';

@ObjectType()
export class SeverityPriority {
  @Field(() => AlertSeverity)
  severity!: AlertSeverity;

  @Field(() => TaskPriority)
  priority!: TaskPriority;
}

@ObjectType()
export class SeverityEstimate {
  @Field(() => AlertSeverity)
  severity!: AlertSeverity;

  @Field(() => Float, { description: 'Points an alert card of this severity is estimated at.' })
  points!: number;
}

@ObjectType({
  description: 'How alert cards of a team are prioritized and estimated, by severity.',
})
export class AlertSettingsModel {
  @Field(() => [SeverityPriority])
  priorities!: SeverityPriority[];

  @Field(() => [SeverityEstimate])
  estimates!: SeverityEstimate[];
}
