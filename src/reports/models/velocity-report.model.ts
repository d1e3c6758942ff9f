import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ReserveBasis } from '../../sprints/models/sprint.model';

@ObjectType()
export class VelocitySprint {
  @Field(() => ID)
  sprintId!: string;

  @Field()
  name!: string;

  @Field()
  startDate!: string;

  @Field()
  endDate!: string;

  @Field(() => Float)
  capacityPoints!: number;

  @Field(() => Float)
  committedPoints!: number;

  @Field(() => Float)
  completedPoints!: number;

  @Field(() => Float)
  unplannedProductionPoints!: number;

  @Field(() => Float)
  reservedPoints!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Unplanned production points ÷ reserved points (1 = fully used).',
  })
  reserveUsedShare!: number | null;

  @Field(() => Float, { nullable: true })
  carriedOverPoints!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Of completedPoints, unplanned production work (null for sprints closed before it was reported).',
  })
  productionCompletedPoints!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'productionCompletedPoints ÷ completedPoints (0–1).',
  })
  productionShare!: number | null;

  @Field({ description: "productionShare is above the team's productionShareCap." })
  overProductionShareCap!: boolean;

  @Field(() => Int, {
    nullable: true,
    description:
      'Failed changes among the deployments to production during the sprint; null for sprints closed before deployments were reported.',
  })
  failedChanges!: number | null;

  @Field(() => Float, {
    nullable: true,
    description:
      'Change failure in points: reserve points taken by work whose deployment cause was confirmed (null as failedChanges).',
  })
  changeFailurePoints!: number | null;
}

@ObjectType({
  description: "A member's completed points and their production share over the sprints shown.",
})
export class ToilMember {
  @Field(() => ID)
  memberId!: string;

  @Field()
  name!: string;

  @Field(() => Float)
  completedPoints!: number;

  @Field(() => Float)
  productionCompletedPoints!: number;

  @Field(() => Float, { nullable: true })
  productionShare!: number | null;

  @Field()
  overProductionShareCap!: boolean;
}

@ObjectType({
  description:
    "The toil budget: the share of completed points that was unplanned production work, against the team's cap.",
})
export class ToilBudget {
  @Field(() => Float, { description: "The team's productionShareCap (0–1)." })
  productionShareCap!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Σ production completed ÷ Σ completed over the sprints shown.',
  })
  productionShare!: number | null;

  @Field(() => Int)
  sprintsOverCap!: number;

  @Field(() => String, {
    nullable: true,
    description:
      'RISING, STEADY or FALLING: the least-squares slope of the sprints’ shares (null with fewer than two).',
  })
  trend!: string | null;

  @Field(() => Float, { nullable: true, description: 'Change of the share per sprint.' })
  trendSlopePerSprint!: number | null;

  @Field(() => [ToilMember])
  members!: ToilMember[];
}

@ObjectType()
export class VelocityAverages {
  @Field(() => Float)
  committedPoints!: number;

  @Field(() => Float)
  completedPoints!: number;

  @Field(() => Float)
  unplannedProductionPoints!: number;

  @Field(() => Float)
  reservedPoints!: number;

  @Field(() => Float, { nullable: true })
  reserveUsedShare!: number | null;

  @Field(() => Float, { nullable: true, description: 'Completed ÷ committed.' })
  completionRate!: number | null;
}

@ObjectType()
export class VelocityForecast {
  @Field(() => ID, {
    nullable: true,
    description: 'The next PLANNED sprint the forecast is for, if any.',
  })
  sprintId!: string | null;

  @Field(() => Float)
  capacityPoints!: number;

  @Field(() => Float)
  reservedPoints!: number;

  @Field(() => ReserveBasis)
  reserveBasis!: ReserveBasis;

  @Field(() => Float)
  plannablePoints!: number;

  @Field(() => Float, { description: 'Plannable points × the average completion rate.' })
  expectedCompletedPoints!: number;
}

@ObjectType({ description: 'The last closed sprints side by side, with averages and a forecast.' })
export class VelocityReport {
  @Field(() => ID)
  teamId!: string;

  @Field(() => [VelocitySprint], { description: 'Oldest first.' })
  sprints!: VelocitySprint[];

  @Field(() => VelocityAverages)
  averages!: VelocityAverages;

  @Field(() => VelocityForecast)
  forecast!: VelocityForecast;

  @Field(() => ToilBudget)
  toil!: ToilBudget;
}
