import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Weekday } from '../../common/graphql/enums';
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

  @Field()
  createdAt!: Date;

  reservePolicy!: Prisma.JsonValue;
  slaPolicy!: Prisma.JsonValue;
  alertPriorities!: Prisma.JsonValue;
  alertEstimates!: Prisma.JsonValue;
}
