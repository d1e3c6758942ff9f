import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsIn, IsInt, IsNumber, IsOptional, Max, Min } from 'class-validator';
import { RESERVE_MODES, ReserveMode } from '../reserve-policy';

const ReserveModeEnum = Object.fromEntries(RESERVE_MODES.map((m) => [m, m])) as Record<
  ReserveMode,
  ReserveMode
>;
registerEnumType(ReserveModeEnum, {
  name: 'ReserveMode',
  description:
    'FIXED_POINTS: value points. PERCENT_OF_CAPACITY: value % of capacity. HISTORICAL: sized from past sprints.',
});

@ObjectType({ description: "How the team's sprints size their production-change reserve." })
export class ReservePolicyModel {
  @Field(() => ReserveModeEnum)
  mode!: ReserveMode;

  @Field(() => Float, { nullable: true })
  value!: number | null;

  @Field(() => Int, { nullable: true })
  lookbackSprints!: number | null;

  @Field(() => Float, { nullable: true })
  percentile!: number | null;

  @Field(() => Float, { nullable: true })
  minPercent!: number | null;

  @Field(() => Float, { nullable: true })
  maxPercent!: number | null;

  @Field(() => Float, { nullable: true })
  fallbackPercent!: number | null;
}

@InputType()
export class ReservePolicyInput {
  @Field(() => ReserveModeEnum)
  @IsIn(RESERVE_MODES, { message: `must be one of ${RESERVE_MODES.join(', ')}` })
  mode!: ReserveMode;

  @Field(() => Float, {
    nullable: true,
    description:
      'FIXED_POINTS: points (0–10000). PERCENT_OF_CAPACITY: percent (0–100, default 20).',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(10000)
  value?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: 'HISTORICAL: closed sprints to look back on, 1–26 (default 6).',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(26)
  lookbackSprints?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'HISTORICAL: percentile, 1–100 (default 80).',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(1)
  @Max(100)
  percentile?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'HISTORICAL: lower bound, percent of capacity.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  minPercent?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'HISTORICAL: upper bound, percent of capacity.',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  maxPercent?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'HISTORICAL: percent of capacity until 2 sprints closed (default 20).',
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(100)
  fallbackPercent?: number | null;
}
