import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { TaskPriority } from '../../common/graphql/enums';
import { SLA_STATUSES, SlaStatus } from '../sla-status';

export const SlaStatusEnum = Object.fromEntries(SLA_STATUSES.map((s) => [s, s])) as Record<
  SlaStatus,
  SlaStatus
>;
registerEnumType(SlaStatusEnum, {
  name: 'SlaStatus',
  description:
    'ON_TRACK; AT_RISK: an open target has used 75 % of its time; BREACHED: a target was missed; MET: resolved with every target met.',
});

export const SLA_TARGETS = ['ACK', 'RESOLVE'] as const;
export type SlaTargetName = (typeof SLA_TARGETS)[number];
export const SlaTargetEnum = Object.fromEntries(SLA_TARGETS.map((s) => [s, s])) as Record<
  SlaTargetName,
  SlaTargetName
>;
registerEnumType(SlaTargetEnum, {
  name: 'SlaTarget',
  description: 'ACK: leave triage or get an assignee. RESOLVE: be done.',
});

@ObjectType({ description: 'A missed SLA target, recorded once.' })
export class SlaBreach {
  @Field(() => ID)
  id!: string;

  @Field(() => SlaTargetEnum)
  target!: SlaTargetName;

  @Field(() => TaskPriority, { description: 'The card’s priority when the breach was recorded.' })
  priority!: TaskPriority;

  @Field({ description: 'When the target was missed (its due time).' })
  at!: Date;

  @Field({ description: 'When Loopboard recorded it.' })
  detectedAt!: Date;
}

@ObjectType({
  description:
    "An alert card's SLA clock, from its creation or latest reopening, by the team's policy for its priority.",
})
export class TaskSla {
  taskId!: string;

  @Field()
  startedAt!: Date;

  @Field(() => Date, { nullable: true })
  ackDueAt!: Date | null;

  @Field(() => Date, { nullable: true })
  resolveDueAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Left triage or got an assignee.' })
  ackedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Done.' })
  resolvedAt!: Date | null;

  @Field(() => SlaStatusEnum)
  status!: SlaStatus;

  @Field(() => Date, { nullable: true, description: 'When the first missed target fell due.' })
  breachedAt!: Date | null;
}

@ObjectType({ description: 'Durations in minutes: how many, median and 85th percentile.' })
export class SlaDurations {
  @Field(() => Int)
  count!: number;

  @Field(() => Float, { nullable: true })
  p50Minutes!: number | null;

  @Field(() => Float, { nullable: true })
  p85Minutes!: number | null;
}

@ObjectType({ description: 'The SLA figures of one priority over a period.' })
export class SlaPriorityFigures {
  @Field(() => TaskPriority)
  priority!: TaskPriority;

  @Field(() => Int, { description: 'Alert cards whose clock started in the period.' })
  cards!: number;

  @Field(() => Int, { description: 'Of those, resolved with every target met.' })
  met!: number;

  @Field(() => Int, { description: 'Of those, with a missed target.' })
  breached!: number;

  @Field(() => Float, {
    nullable: true,
    description: 'met / (met + breached) × 100; null while none is settled.',
  })
  metPercent!: number | null;

  @Field(() => SlaDurations, { description: 'From the clock start to the acknowledgement.' })
  timeToAck!: SlaDurations;

  @Field(() => SlaDurations, { description: 'From the clock start to done.' })
  timeToResolve!: SlaDurations;

  @Field(() => Int, { description: 'Breach events of those cards (ACK and RESOLVE count apart).' })
  breaches!: number;
}

@ObjectType({ description: "A team's SLA results over a period, per priority with a target." })
export class SlaReport {
  @Field(() => ID)
  teamId!: string;

  @Field()
  from!: string;

  @Field()
  to!: string;

  @Field(() => [SlaPriorityFigures])
  priorities!: SlaPriorityFigures[];
}
