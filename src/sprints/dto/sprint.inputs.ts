import { Field, Float, InputType } from '@nestjs/graphql';
import { Transform } from 'class-transformer';
import { IsNumber, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
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

@InputType()
export class SetMemberAvailabilityInput {
  @IdField()
  sprintId!: string;

  @IdField()
  memberId!: string;

  @Field(() => Float, {
    description: 'Working days the member is away in this sprint (halves allowed).',
  })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(366)
  daysOff!: number;

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
