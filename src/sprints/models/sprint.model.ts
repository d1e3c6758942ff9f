import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../common/graphql/date.scalar';
import { SprintState } from '../../common/graphql/enums';
import type { Prisma } from '../../generated/prisma/client';

@ObjectType({ description: 'A time-boxed iteration of a team.' })
export class Sprint {
  @Field(() => ID)
  id!: string;

  teamId!: string;

  @Field()
  name!: string;

  @Field(() => String, { nullable: true })
  goal!: string | null;

  @Field(() => SprintState)
  state!: SprintState;

  @Field(() => DateScalar, { description: 'First day (inclusive).' })
  startDate!: Date;

  @Field(() => DateScalar, { description: 'Last day (inclusive).' })
  endDate!: Date;

  @Field(() => Float, {
    description: 'Share of raw capacity the team expects to spend on sprint work (default 1).',
  })
  focusFactor!: number;

  reservedPoints!: number;
  reserveBasis!: Prisma.JsonValue;
  reserveOverride!: boolean;
  closingReport!: Prisma.JsonValue;

  committedPoints!: number | null;

  @Field(() => Date, { nullable: true })
  startedAt!: Date | null;

  @Field(() => Date, { nullable: true })
  closedAt!: Date | null;

  carriedOverToId!: string | null;

  @Field(() => Int, {
    nullable: true,
    description: 'Unfinished tasks moved on when the sprint closed.',
  })
  carriedOverCount!: number | null;

  @Field(() => Float, { nullable: true, description: 'Points of the tasks carried over at close.' })
  carriedOverPoints!: number | null;

  @Field()
  createdAt!: Date;

  updatedAt!: Date;
}

@ObjectType({ description: 'A date a member is away: the whole day (1) or half of it (0.5).' })
export class DayOff {
  @Field(() => DateScalar)
  date!: Date;

  @Field(() => Float)
  fraction!: number;
}

@ObjectType({ description: "One counted day of a sprint and the team's capacity on it." })
export class CapacityDay {
  @Field(() => DateScalar)
  date!: Date;

  @Field(() => Float, {
    description:
      "Σ members capacityPerDay × (1 − fraction off that day) × focusFactor, to the hundredth (rounded so that the days add up to the sprint's capacityPoints).",
  })
  points!: number;
}

@ObjectType({ description: "A member's capacity in one sprint." })
export class MemberCapacity {
  memberId!: string;

  @Field(() => Float, { description: 'Points per day in this sprint (override or usual).' })
  capacityPerDay!: number;

  @Field(() => Float, {
    description:
      'Days off that count: the fractions of daysOffDates, or the number given as daysOff.',
  })
  daysOff!: number;

  @Field(() => [DayOff], {
    description:
      'Dated days off on counted days of the sprint (a date that became a holiday or a non-working day since no longer counts), by date.',
  })
  daysOffDates!: DayOff[];

  @Field(() => Float, {
    description: 'Working days of the sprint (team holidays excluded) minus days off.',
  })
  availableDays!: number;

  @Field(() => Float, { description: 'capacityPerDay × availableDays, before the focus factor.' })
  points!: number;
}

@ObjectType({ description: 'One closed sprint used to size a HISTORICAL reserve.' })
export class ReserveSample {
  @Field(() => ID)
  sprintId!: string;

  @Field()
  name!: string;

  @Field(() => Float, { description: 'Unplanned production points of that sprint.' })
  unplannedProductionPoints!: number;

  @Field(() => Int)
  workingDays!: number;

  @Field(() => Float)
  perDay!: number;
}

@ObjectType({ description: "How a sprint's reserve was sized." })
export class ReserveBasis {
  @Field(() => String, { description: 'FIXED_POINTS, PERCENT_OF_CAPACITY or HISTORICAL.' })
  mode!: string;

  @Field(() => Float, {
    nullable: true,
    description: 'The policy value: points, or percent of capacity.',
  })
  value!: number | null;

  @Field(() => Float)
  capacityPoints!: number;

  @Field(() => Int)
  workingDays!: number;

  @Field(() => Float, { nullable: true })
  percentile!: number | null;

  @Field(() => Int, { nullable: true })
  lookbackSprints!: number | null;

  @Field(() => [ReserveSample])
  samples!: ReserveSample[];

  @Field(() => Float, {
    nullable: true,
    description: 'HISTORICAL: percentile of points per working day.',
  })
  perDay!: number | null;

  @Field(() => Float, { description: 'Before clamping to the bounds.' })
  rawPoints!: number;

  @Field(() => String, { nullable: true, description: 'MIN or MAX when a bound applied.' })
  clamped!: string | null;

  @Field({ description: 'HISTORICAL with fewer than 2 closed sprints: fallbackPercent was used.' })
  fallback!: boolean;

  @Field({ description: 'Set by hand with setSprintReserve.' })
  override!: boolean;
}

@ObjectType({ description: 'When unplanned production work crossed 80% or 100% of the reserve.' })
export class ReserveEvent {
  @Field(() => Int, { description: '80 or 100 (percent of the reserve).' })
  threshold!: number;

  @Field()
  at!: Date;

  @Field(() => ID, { nullable: true, description: 'The card that tipped it.' })
  taskId!: string | null;

  @Field(() => Float)
  usedPoints!: number;

  @Field(() => Float)
  reservedPoints!: number;
}
