import { Field, Float, InputType } from '@nestjs/graphql';
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
