import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
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
