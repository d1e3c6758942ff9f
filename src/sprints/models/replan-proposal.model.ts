import { Field, Float, ID, Int, ObjectType } from '@nestjs/graphql';
import { ReplanProposalStatus } from '../../common/graphql/enums';

@ObjectType({ description: 'A planned task proposed to leave the sprint, as it was then.' })
export class ProposedTask {
  @Field(() => ID)
  taskId!: string;

  @Field()
  key!: string;

  @Field()
  title!: string;

  @Field()
  priority!: string;

  @Field(() => Float)
  points!: number;
}

@ObjectType({
  description:
    'PROPOSE_SWAP: planned, unstarted work (lowest priority, bottom of its column first) whose points cover the overflow not yet answered for, exactly or by the smallest excess; and the decision on it.',
})
export class ReplanProposal {
  @Field(() => ID)
  id!: string;

  @Field(() => ID)
  sprintId!: string;

  @Field(() => Int, { description: '1, 2, … within the sprint.' })
  sequence!: number;

  @Field(() => ReplanProposalStatus)
  status!: ReplanProposalStatus;

  @Field({ description: 'ISO 8601 timestamp.' })
  createdAt!: string;

  @Field(() => ID, { nullable: true, description: 'The card whose charge made the overflow.' })
  triggeredByTaskId!: string | null;

  @Field(() => Float)
  usedPoints!: number;

  @Field(() => Float)
  reservedPoints!: number;

  @Field(() => Float, { description: 'used − reserved when proposed.' })
  overflowPoints!: number;

  @Field(() => Float, { description: 'Overflow earlier decisions already answered for.' })
  coveredPoints!: number;

  @Field(() => Float, { description: 'overflowPoints − coveredPoints: what this one covers.' })
  targetPoints!: number;

  @Field(() => Float)
  proposedPoints!: number;

  @Field(() => Float, { description: 'proposedPoints − targetPoints when they cover it.' })
  excessPoints!: number;

  @Field(() => Float, { description: 'targetPoints − proposedPoints when they fall short.' })
  shortfallPoints!: number;

  @Field(() => [ProposedTask])
  tasks!: ProposedTask[];

  @Field(() => String, { nullable: true, description: 'ISO 8601 timestamp.' })
  decidedAt!: string | null;

  @Field(() => String, { nullable: true })
  decidedBy!: string | null;

  @Field(() => String, { nullable: true, description: 'Why it was rejected.' })
  reason!: string | null;
}
