import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

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
