import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';

export const DoraBand = {
  ELITE: 'ELITE',
  HIGH: 'HIGH',
  MEDIUM: 'MEDIUM',
  LOW: 'LOW',
} as const;
export type DoraBand = (typeof DoraBand)[keyof typeof DoraBand];

registerEnumType(DoraBand, {
  name: 'DoraBand',
  description:
    "DORA's software delivery performance bands (Accelerate State of DevOps Report 2023 clusters); the bounds are in DeliveryReport.bands.",
});

@ObjectType({
  description: 'How many, and how long in minutes at the median and the 85th percentile.',
})
export class DeliveryDurations {
  @Field(() => Int)
  count!: number;

  @Field(() => Float, { nullable: true })
  p50Minutes!: number | null;

  @Field(() => Float, { nullable: true })
  p85Minutes!: number | null;

  @Field(() => DoraBand, {
    nullable: true,
    description: 'The band of the median; null when nothing was measured.',
  })
  band!: DoraBand | null;
}

@ObjectType()
export class RecoveryDurations extends DeliveryDurations {
  @Field(() => Int, { description: 'Failed changes not fixed yet: not in the durations.' })
  unrecovered!: number;
}

@ObjectType({ description: "DORA's four keys over a period." })
export class DeliveryFigures {
  @Field(() => Int, {
    description:
      'Deployments to the environment that finished in the period, successful or failed (canceled ones are not counted).',
  })
  deployments!: number;

  @Field(() => Int)
  successfulDeployments!: number;

  @Field(() => Float, {
    description: 'Deployment frequency: successful deployments per day of the period.',
  })
  deploymentsPerDay!: number;

  @Field(() => Float, { description: 'Deployment frequency: successful deployments per 7 days.' })
  deploymentsPerWeek!: number;

  @Field(() => DoraBand)
  deploymentFrequencyBand!: DoraBand;

  @Field(() => DeliveryDurations, {
    description:
      'Lead time for changes: per successful deployment, from the first commit it brought being authored to the deployment finishing (deployments without commit times are left out).',
  })
  leadTime!: DeliveryDurations;

  @Field(() => Int, {
    description:
      'Failed changes: deployments that failed, that have a confirmed incident (setIncidentCause), or that a later successful rollback undid.',
  })
  failedChanges!: number;

  @Field(() => Int, {
    description:
      'Deployments that are not failed changes but have suspected (unconfirmed) incidents: reported apart.',
  })
  suspectedFailedChanges!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Change failure rate: failedChanges ÷ deployments, in percent; null without deployments.',
  })
  changeFailurePercent!: number | null;

  @Field(() => DoraBand, { nullable: true })
  changeFailureBand!: DoraBand | null;

  @Field(() => RecoveryDurations, {
    description:
      "Failed-deployment recovery time: from the failure (its first confirmed incident's alert start, else the failed deployment's finish) to the fix (that incident's card done, or the next successful deployment or rollback of the service, whichever is first).",
  })
  recovery!: RecoveryDurations;
}

@ObjectType({ description: 'One ISO week (Monday to Sunday, UTC), clipped to the period.' })
export class DeliveryWeek {
  @Field({ description: 'The Monday the week starts on.' })
  weekStart!: string;

  @Field({ description: 'The first day of the week inside the period.' })
  from!: string;

  @Field({ description: 'The last day of the week inside the period.' })
  to!: string;

  @Field(() => DeliveryFigures)
  figures!: DeliveryFigures;
}

@ObjectType({
  description:
    "Change failure in points: a sprint's unplanned production work (reserve points) linked to deployments, confirmed and suspected apart.",
})
export class SprintChangeFailure {
  @Field(() => ID)
  sprintId!: string;

  @Field()
  name!: string;

  @Field()
  startDate!: string;

  @Field()
  endDate!: string;

  @Field(() => Float)
  reservedPoints!: number;

  @Field(() => Int)
  confirmedCards!: number;

  @Field(() => Float, { description: 'Points of cards whose cause the team confirmed.' })
  confirmedPoints!: number;

  @Field(() => Int)
  suspectedCards!: number;

  @Field(() => Float, { description: 'Points of cards with a suspected (unconfirmed) deployment.' })
  suspectedPoints!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'confirmedPoints ÷ reservedPoints (0–1 and more); null without a reserve.',
  })
  confirmedReserveShare!: number | null;
}

@ObjectType({ description: "One band's bounds for a key, as the report applies them." })
export class DoraBandBound {
  @Field({ description: 'deploymentFrequency, leadTime, changeFailureRate or recoveryTime.' })
  key!: string;

  @Field()
  unit!: string;

  @Field(() => DoraBand)
  band!: DoraBand;

  @Field(() => Float, { nullable: true, description: 'Null for LOW: whatever misses MEDIUM.' })
  bound!: number | null;

  @Field({ description: 'Whether a value equal to the bound is in the band.' })
  inclusive!: boolean;

  @Field({
    description: 'Whether values above the bound (true) or below it (false) are in the band.',
  })
  higherIsBetter!: boolean;
}

@ObjectType({
  description:
    "DORA's four keys for a team's deployments to one environment (and service), over the period and by week, with their performance bands; and change failure in reserve points per sprint.",
})
export class DeliveryReport {
  @Field(() => ID)
  teamId!: string;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => String, {
    nullable: true,
    description: 'The service reported on; null: every service.',
  })
  service!: string | null;

  @Field({ description: 'The environment reported on (default production).' })
  environment!: string;

  @Field(() => DeliveryFigures)
  summary!: DeliveryFigures;

  @Field(() => [DeliveryWeek])
  weeks!: DeliveryWeek[];

  @Field(() => [SprintChangeFailure], {
    description: 'Sprints overlapping the period, oldest first.',
  })
  sprints!: SprintChangeFailure[];

  @Field(() => [DoraBandBound])
  bands!: DoraBandBound[];

  @Field({ description: 'Where the band table comes from.' })
  bandSource!: string;
}
