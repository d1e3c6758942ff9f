import { Field, Float, InputType } from '@nestjs/graphql';
import { Transform, Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsIn,
  IsNumber,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DateScalar } from '../../common/graphql/date.scalar';
import { IdField, TextField } from '../../common/graphql/input-fields';

const trim = ({ value }: { value: unknown }): unknown =>
  typeof value === 'string' ? value.trim() : value;

@InputType()
export class CreateSprintInput {
  @IdField()
  teamId!: string;

  @TextField(200)
  name!: string;

  @Field(() => DateScalar)
  startDate!: string;

  @Field(() => DateScalar, { description: 'Last day, inclusive; after startDate.' })
  endDate!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  goal?: string | null;

  @Field(() => Float, { nullable: true, description: 'Above 0, at most 1 (default 1).' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1)
  focusFactor?: number;
}

@InputType()
export class UpdateSprintInput {
  @TextField(200, { nullable: true })
  name?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Only while PLANNED.' })
  @IsOptional()
  startDate?: string;

  @Field(() => DateScalar, { nullable: true, description: 'Only while PLANNED or ACTIVE.' })
  @IsOptional()
  endDate?: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Transform(trim)
  @IsString()
  @MaxLength(2000)
  goal?: string | null;

  @Field(() => Float, { nullable: true })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.01)
  @Max(1)
  focusFactor?: number;
}

/** Most dated days off in one sprint: a sprint lasts at most 92 days. */
export const MAX_DAYS_OFF_DATES = 92;

@InputType({ description: 'A date a member is away: the whole day or half of it.' })
export class DayOffInput {
  @Field(() => DateScalar, {
    description: 'A working day of the sprint that is not a team holiday.',
  })
  date!: string;

  @Field(() => Float, { defaultValue: 1, description: '1 (the whole day, default) or 0.5.' })
  @IsIn([0.5, 1], { message: 'must be 1 (the whole day) or 0.5 (half of it)' })
  fraction!: number;
}

@InputType()
export class SetMemberAvailabilityInput {
  @IdField()
  sprintId!: string;

  @IdField()
  memberId!: string;

  @Field(() => Float, {
    nullable: true,
    description:
      'Working days the member is away in this sprint (halves allowed), on no date: they lower every working day of the sprint by the same share. Not with daysOffDates.',
    deprecationReason:
      'Give the dates instead (daysOffDates): the capacity by day, the burndown and the team can then see which days the member is away.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(366)
  daysOff?: number | null;

  @Field(() => [DayOffInput], {
    nullable: true,
    description:
      "The member's days off in this sprint, replacing earlier ones (an empty list: none). Each date must be a working day of the sprint and not a team holiday. With neither daysOffDates nor daysOff, the days off stay as they are.",
  })
  @IsOptional()
  @ArrayMaxSize(MAX_DAYS_OFF_DATES)
  @ValidateNested({ each: true })
  @Type(() => DayOffInput)
  daysOffDates?: DayOffInput[] | null;

  @Field(() => Float, {
    nullable: true,
    description:
      "Overrides the member's capacityPerDay for this sprint; null clears, omitted keeps the current one.",
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  capacityPerDay?: number | null;
}
