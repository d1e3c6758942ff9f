import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { DateScalar } from '../../common/graphql/date.scalar';
import { SprintState } from '../../common/graphql/enums';

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

  @Field(() => Float, { description: 'Capacity kept for unplanned production work.' })
  reservedPoints!: number;

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

@ObjectType({ description: "A member's capacity in one sprint." })
export class MemberCapacity {
  memberId!: string;

  @Field(() => Float, { description: 'Points per day in this sprint (override or usual).' })
  capacityPerDay!: number;

  @Field(() => Float)
  daysOff!: number;

  @Field(() => Float, { description: 'Working days minus days off.' })
  availableDays!: number;

  @Field(() => Float, { description: 'capacityPerDay × availableDays, before the focus factor.' })
  points!: number;
}
