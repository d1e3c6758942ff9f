import { Field, Float, ID, ObjectType } from '@nestjs/graphql';
import { ReserveOverflowPolicy, Weekday } from '../../common/graphql/enums';
import type { Prisma } from '../../generated/prisma/client';

@ObjectType({ description: 'A team that owns boards, sprints and a stream of production alerts.' })
export class Team {
  @Field(() => ID)
  id!: string;

  @Field({ description: 'Short uppercase key used in task keys, e.g. SRE in SRE-42.' })
  key!: string;

  @Field()
  name!: string;

  @Field(() => [Weekday], {
    description: 'Days the team works; sprint capacity counts only these.',
  })
  workingDays!: Weekday[];

  @Field(() => ReserveOverflowPolicy, {
    description:
      'When unplanned production work overflows the reserve: FLAG, PROPOSE_SWAP or FREEZE_PLANNED_STARTS.',
  })
  reserveOverflowPolicy!: ReserveOverflowPolicy;

  @Field(() => Float, {
    description:
      'Toil budget: the share (0–1) of completed points unplanned production work may take (default 0.5).',
  })
  productionShareCap!: number;

  @Field()
  createdAt!: Date;

  reservePolicy!: Prisma.JsonValue;
  slaPolicy!: Prisma.JsonValue;
  alertPriorities!: Prisma.JsonValue;
  alertEstimates!: Prisma.JsonValue;
}
