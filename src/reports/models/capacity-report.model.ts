import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ReplanProposal } from '../../sprints/models/replan-proposal.model';
import { ReserveBasis } from '../../sprints/models/sprint.model';

@ObjectType()
export class MemberLoad {
  @Field(() => ID)
  memberId!: string;

  @Field()
  name!: string;

  @Field(() => Float)
  capacityPerDay!: number;

  @Field(() => Float)
  daysOff!: number;

  @Field(() => Float)
  availableDays!: number;

  @Field(() => Float, { description: 'capacityPerDay × available days × focus factor.' })
  capacityPoints!: number;

  @Field(() => Float, { description: 'Points of the sprint’s tasks assigned to the member.' })
  assignedPoints!: number;

  @Field(() => Float)
  completedPoints!: number;

  @Field(() => Float, {
    nullable: true,
    description:
      'Of completedPoints, unplanned production work (null in snapshots from before it was reported).',
  })
  productionCompletedPoints?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'productionCompletedPoints ÷ completedPoints (0–1); null when nothing was done.',
  })
  productionShare?: number | null;

  @Field(() => Boolean, {
    nullable: true,
    description: "productionShare is above the team's productionShareCap.",
  })
  overProductionShareCap?: boolean | null;
}

@ObjectType()
export class SeverityLoad {
  @Field(() => String, {
    nullable: true,
    description: 'Alert severity; null for production work not from an alert.',
  })
  severity!: string | null;

  @Field(() => Int)
  count!: number;

  @Field(() => Float)
  points!: number;
}

@ObjectType()
export class SourceLoad {
  @Field(() => ID, {
    nullable: true,
    description: 'Alert integration; null for production work entered by hand.',
  })
  integrationId!: string | null;

  @Field(() => String, { nullable: true })
  integrationName!: string | null;

  @Field(() => String, { nullable: true })
  kind!: string | null;

  @Field(() => Int)
  count!: number;

  @Field(() => Float)
  points!: number;
}

@ObjectType()
export class UnplannedProduction {
  @Field(() => Int)
  count!: number;

  @Field(() => Float)
  points!: number;

  @Field(() => [SeverityLoad])
  bySeverity!: SeverityLoad[];

  @Field(() => [SourceLoad])
  bySource!: SourceLoad[];
}

@ObjectType({ description: "SLA clocks of a sprint's alert cards." })
export class SprintSla {
  @Field(() => Int, { description: 'Breaches of its cards that fell due while the sprint ran.' })
  breaches!: number;

  @Field(() => [String], { description: 'Keys of its open alert cards AT_RISK now.' })
  atRiskCards!: string[];

  @Field(() => Float, { description: 'Reserve points (estimates) of those cards.' })
  atRiskReservePoints!: number;
}

@ObjectType()
export class ReportReserveEvent {
  @Field(() => Int)
  threshold!: number;

  @Field({ description: 'ISO 8601 timestamp.' })
  at!: string;

  @Field(() => ID, { nullable: true })
  taskId!: string | null;

  @Field(() => Float)
  usedPoints!: number;

  @Field(() => Float)
  reservedPoints!: number;
}

@ObjectType()
export class BurndownPoint {
  @Field({ description: 'A working day, YYYY-MM-DD.' })
  date!: string;

  @Field(() => Float, { description: 'Points open at the end of the day.' })
  remainingPoints!: number;

  @Field(() => Float, {
    description: 'The ideal line: committed points burned evenly over the working days.',
  })
  idealPoints!: number;

  @Field(() => Float, { description: 'Unplanned points added that day.' })
  unplannedAddedPoints!: number;
}

@ObjectType({
  description:
    "The sprint's deployments to production (finished from its first to its last day) and the failed changes among them; the reserve points its work linked to deployments took.",
})
export class SprintDelivery {
  @Field()
  environment!: string;

  @Field(() => Int)
  deployments!: number;

  @Field(() => Int)
  successfulDeployments!: number;

  @Field(() => Int, {
    description: 'Failed, with a confirmed incident, or rolled back (see DeliveryFigures).',
  })
  failedChanges!: number;

  @Field(() => Int)
  suspectedFailedChanges!: number;

  @Field(() => Float, { nullable: true })
  changeFailurePercent!: number | null;

  @Field(() => Float, {
    description: 'Points of unplanned production work whose deployment cause was confirmed.',
  })
  confirmedPoints!: number;

  @Field(() => Float, {
    description: 'Points of unplanned production work with a suspected cause.',
  })
  suspectedPoints!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'confirmedPoints ÷ the reserve: the share of the reserve failed changes took.',
  })
  confirmedReserveShare!: number | null;
}

@ObjectType({
  description:
    'What a sprint could carry, what it planned, what production work took, and whether the reserve held.',
})
export class SprintCapacityReport {
  @Field(() => ID)
  sprintId!: string;

  @Field()
  sprintName!: string;

  @Field(() => ID)
  teamId!: string;

  @Field()
  state!: string;

  @Field({ description: 'ISO 8601 timestamp of computation.' })
  generatedAt!: string;

  @Field({ description: 'True for a closed sprint: the report as it stood at close.' })
  snapshot!: boolean;

  @Field()
  startDate!: string;

  @Field()
  endDate!: string;

  @Field(() => Int)
  workingDays!: number;

  @Field(() => Float)
  focusFactor!: number;

  @Field(() => Float)
  capacityPoints!: number;

  @Field(() => [MemberLoad])
  members!: MemberLoad[];

  @Field(() => Float)
  reservedPoints!: number;

  @Field(() => ReserveBasis)
  reserveBasis!: ReserveBasis;

  @Field(() => Float)
  plannablePoints!: number;

  @Field(() => Float, { description: 'Planned scope at start (before start: planned so far).' })
  committedPoints!: number;

  @Field(() => Float, { description: 'Points of everything in the sprint now.' })
  scopePoints!: number;

  @Field(() => Int, { description: 'Tasks added after the start that are not production work.' })
  addedScopeCount!: number;

  @Field(() => Float)
  addedScopePoints!: number;

  @Field(() => Int)
  completedCount!: number;

  @Field(() => Float)
  completedPoints!: number;

  @Field(() => UnplannedProduction)
  unplannedProduction!: UnplannedProduction;

  @Field(() => Float)
  reserveUsedPoints!: number;

  @Field(() => Float)
  reserveRemainingPoints!: number;

  @Field(() => Float)
  reserveOverflowPoints!: number;

  @Field(() => Float, { nullable: true })
  reserveUsedPercent!: number | null;

  @Field(() => [ReportReserveEvent])
  reserveEvents!: ReportReserveEvent[];

  @Field(() => SprintSla, {
    nullable: true,
    description:
      'SLA breaches and cards at risk; null in snapshots of sprints closed before SLA clocks.',
  })
  sla?: SprintSla | null;

  @Field(() => SprintDelivery, {
    nullable: true,
    description:
      'Deployments, failed changes and the reserve share they took; null in snapshots of sprints closed before deployments were reported.',
  })
  delivery?: SprintDelivery | null;

  @Field(() => [BurndownPoint])
  burndown!: BurndownPoint[];

  @Field(() => Float, {
    nullable: true,
    description: "The team's toil budget (0–1) when computed; null in older snapshots.",
  })
  productionShareCap?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'Of completedPoints, unplanned production work; null in older snapshots.',
  })
  productionCompletedPoints?: number | null;

  @Field(() => Float, {
    nullable: true,
    description: 'productionCompletedPoints ÷ completedPoints (0–1); null when nothing was done.',
  })
  productionShare?: number | null;

  @Field(() => String, { nullable: true, description: "The team's reserveOverflowPolicy." })
  reserveOverflowPolicy?: string | null;

  @Field(() => [ReplanProposal], {
    description: 'PROPOSE_SWAP: the proposals made as the reserve overflowed, and their decisions.',
  })
  replanProposals?: ReplanProposal[];

  @Field(() => [String], {
    description:
      "OVERCOMMITTED, RESERVE_AT_RISK (≥ 80% used), RESERVE_EXHAUSTED (≥ 100%), PRODUCTION_SHARE_OVER_CAP (completed production work above the team's productionShareCap).",
  })
  flags!: string[];
}
