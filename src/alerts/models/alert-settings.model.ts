import { Field, Float, InputType, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsEnum,
  IsNumber,
  IsOptional,
  Max,
  Min,
  ValidateNested,
} from 'class-validator';
import { AlertSeverity, TaskPriority } from '../../common/graphql/enums';
import { IdField } from '../../common/graphql/input-fields';

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

@InputType()
export class SeverityPriorityInput {
  @Field(() => AlertSeverity)
  @IsEnum(AlertSeverity)
  severity!: AlertSeverity;

  @Field(() => TaskPriority)
  @IsEnum(TaskPriority)
  priority!: TaskPriority;
}

@InputType()
export class SeverityEstimateInput {
  @Field(() => AlertSeverity)
  @IsEnum(AlertSeverity)
  severity!: AlertSeverity;

  @Field(() => Float)
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  points!: number;
}

@InputType()
export class UpdateAlertSettingsInput {
  @IdField()
  teamId!: string;

  @Field(() => [SeverityPriorityInput], {
    nullable: true,
    description: 'Severities not listed keep their current priority.',
  })
  @IsOptional()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => SeverityPriorityInput)
  priorities?: SeverityPriorityInput[];

  @Field(() => [SeverityEstimateInput], { nullable: true })
  @IsOptional()
  @ArrayMaxSize(6)
  @ValidateNested({ each: true })
  @Type(() => SeverityEstimateInput)
  estimates?: SeverityEstimateInput[];
}
