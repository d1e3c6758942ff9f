import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';

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

  @Field(() => Float, {
    description:
      "Reserve points the cards of these firings consumed: each card's estimate (or the team's default for the severity), when it landed unplanned in a sprint.",
  })
  reservePoints!: number;
}

@ObjectType({
  description:
    'Alerts ranked by the reserve points their cards consumed, then firings: what to tune first.',
})
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
