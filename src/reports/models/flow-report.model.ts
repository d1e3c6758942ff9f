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
}

@ObjectType()
export class Percentiles {
  @Field(() => Int)
  count!: number;

  @Field(() => Float, { nullable: true, description: 'Hours.' })
  p50Hours!: number | null;

  @Field(() => Float, { nullable: true, description: 'Hours.' })
  p85Hours!: number | null;
}

@ObjectType()
export class WeeklyThroughput {
  @Field({ description: 'Monday of the ISO week, YYYY-MM-DD.' })
  weekStart!: string;

  @Field(() => Int)
  completed!: number;

  @Field(() => Float)
  completedPoints!: number;
}

@ObjectType()
export class AlertFlow {
  @Field()
  severity!: string;

  @Field(() => Percentiles, { description: 'Card created → first IN_PROGRESS.' })
  timeToStart!: Percentiles;

  @Field(() => Percentiles, { description: 'Card created → DONE.' })
  timeToDone!: Percentiles;
}

@ObjectType()
export class CategoryCount {
  @Field()
  category!: string;

  @Field(() => Int)
  cards!: number;
}

@ObjectType()
export class CumulativeFlowDay {
  @Field()
  date!: string;

  @Field(() => [CategoryCount])
  categories!: CategoryCount[];
}

@ObjectType()
export class ColumnWip {
  @Field(() => ID)
  columnId!: string;

  @Field()
  board!: string;

  @Field()
  column!: string;

  @Field()
  category!: string;

  @Field(() => Int)
  cards!: number;

  @Field(() => Int, { nullable: true })
  wipLimit!: number | null;

  @Field()
  overLimit!: boolean;
}

@ObjectType({
  description:
    'How work flows: throughput, cycle and lead times, alert response, cumulative flow, WIP.',
})
export class FlowReport {
  @Field(() => ID)
  teamId!: string;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => [WeeklyThroughput])
  throughput!: WeeklyThroughput[];

  @Field(() => Percentiles, {
    description: 'First IN_PROGRESS → DONE, for cards done in the period.',
  })
  cycleTime!: Percentiles;

  @Field(() => Percentiles, { description: 'Created → DONE, for cards done in the period.' })
  leadTime!: Percentiles;

  @Field(() => [AlertFlow])
  alertCards!: AlertFlow[];

  @Field(() => [CumulativeFlowDay])
  cumulativeFlow!: CumulativeFlowDay[];

  @Field(() => [ColumnWip])
  wip!: ColumnWip[];
}

@ObjectType()
export class NoisyAlert {
  @Field(() => ID)
  alertId!: string;

  @Field()
  name!: string;

  @Field()
  title!: string;

  @Field()
  severity!: string;

  @Field()
  status!: string;

  @Field()
  integration!: string;

  @Field(() => Int, { description: 'Firing episodes that started in the period.' })
  firings!: number;

  @Field(() => Int, { description: 'Distinct cards those firings fed.' })
  cardsCreated!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'Share of those cards closed as won’t fix (0–1).',
  })
  wontFixShare!: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Median minutes an episode stayed firing (ended episodes).',
  })
  medianFiringMinutes!: number | null;

  @Field(() => Int, { description: 'Resolve → re-fire transitions in the period.' })
  flaps!: number;

  @Field(() => Int, { description: 'Notifications received in total (repeats included).' })
  occurrences!: number;
}

@ObjectType({ description: 'Alerts ranked by how much attention they take: what to tune first.' })
export class AlertNoiseReport {
  @Field(() => ID)
  teamId!: string;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => [NoisyAlert])
  alerts!: NoisyAlert[];
}
